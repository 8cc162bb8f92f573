package io.gantry.store;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Clock;
import io.gantry.runtime.Disk;
import io.gantry.runtime.Scheduler;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes old commit-log segments, and then the consume-queue and index files below the new min
 * offset. A segment is expired when the first record of the segment after it (roughly the moment
 * it was sealed) is older than {@code fileReservedTime} hours. Expired segments go at a
 * {@code deleteWhen} hour (UTC, from the node's wall clock), or at any time once disk use passes
 * {@code diskMaxUsedSpaceRatio}; past {@code diskSpaceCleanForciblyRatio} the oldest segments go
 * even if young. Past {@code diskSpaceWarningLevelRatio} the store refuses puts until space
 * returns. Never deletes the segment being written, anything not yet durable or dispatched, or
 * anything while a flush is in flight, and forces the consume queues before deleting the records
 * their entries point to. Deletions run off the loop.
 */
final class RetentionService {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
    private static final int MAX_SEGMENTS_PER_ROUND = 10;

    private final Scheduler scheduler;
    private final Clock clock;
    private final Disk disk;
    private final StoreConfig config;
    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final Dispatcher dispatcher;
    private final LogicalFlushService logicalFlush;
    private Cancellable timer;
    private boolean inFlight;
    private boolean diskFull;
    private boolean stopped;
    private long deletedSegments;

    RetentionService(Scheduler scheduler, Disk disk, StoreConfig config, CommitLog commitLog, ConsumeQueueTable queues,
                     IndexService index, Dispatcher dispatcher, LogicalFlushService logicalFlush) {
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
        this.disk = disk;
        this.config = config;
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.dispatcher = dispatcher;
        this.logicalFlush = logicalFlush;
    }

    void start() {
        if (timer == null) {
            timer = scheduler.schedulePeriodic(config.cleanResourceInterval(), config.cleanResourceInterval(),
                    this::runOnce);
        }
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** True while disk use is above diskSpaceWarningLevelRatio: puts are refused. */
    boolean diskFull() {
        return diskFull;
    }

    long deletedSegments() {
        return deletedSegments;
    }

    /** One round: measure disk use off the loop, then decide and delete. */
    void runOnce() {
        if (inFlight) {
            return;
        }
        inFlight = true;
        scheduler.offload(() -> {
            long total = disk.totalSpaceBytes();
            long usable = disk.usableSpaceBytes();
            return total <= 0 ? 0 : (int) ((total - usable) * 100 / total);
        }).whenComplete((usedPercent, error) -> {
            if (error != null) {
                inFlight = false;
                LOG.warn("cannot measure disk use: {}", error.toString());
                return;
            }
            try {
                decide(usedPercent);
            } catch (IOException | RuntimeException e) {
                inFlight = false;
                LOG.error("retention round failed", e);
            }
        });
    }

    private void decide(int usedPercent) throws IOException {
        boolean wasFull = diskFull;
        diskFull = usedPercent >= config.diskSpaceWarningLevelRatio();
        if (diskFull != wasFull) {
            LOG.warn(diskFull ? "disk {}% used: refusing puts" : "disk {}% used: accepting puts again", usedPercent);
        }
        boolean spaceLow = usedPercent >= config.diskMaxUsedSpaceRatio();
        boolean forcibly = usedPercent >= config.diskSpaceCleanForciblyRatio();
        boolean atDeleteHour = isDeleteHour(clock.wallClockMs());
        List<Callable<Void>> deletions = new ArrayList<>();
        if ((atDeleteHour || spaceLow) && !logicalFlush.inFlight() && !stopped) {
            long reservedMs = config.fileReservedTime() * 3_600_000L;
            long now = clock.wallClockMs();
            for (int i = 0; i < MAX_SEGMENTS_PER_ROUND; i++) {
                List<Long> starts = commitLog.file().segmentStarts();
                if (starts.size() < 2) {
                    break;
                }
                long nextStart = starts.get(1);
                long sealedAt = commitLog.storeTimestampOfFirstRecord(nextStart);
                boolean expired = sealedAt >= 0 && sealedAt + reservedMs <= now;
                if (!(expired || forcibly) || nextStart > dispatcher.dispatchedOffset()) {
                    break;
                }
                Callable<Void> deletion = commitLog.file().detachOldestSegmentBefore(nextStart);
                if (deletion == null) {
                    break;
                }
                deletions.add(deletion);
                deletedSegments++;
                LOG.info("deleting commit-log segment before offset {} ({})", nextStart,
                        expired ? "expired" : "disk " + usedPercent + "% used");
            }
        }
        if (!deletions.isEmpty()) {
            long min = commitLog.minOffset();
            for (ConsumeQueue q : queues.all()) {
                deletions.addAll(q.dropBelowCommitLogOffset(min));
            }
            if (index != null) {
                deletions.addAll(index.dropBelow(min));
            }
        }
        if (deletions.isEmpty()) {
            inFlight = false;
            return;
        }
        // The consume-queue entries of the records about to go must be durable before the records
        // are: after a power loss recovery can only rebuild entries from records that still exist,
        // and lost entries below the new min would leave the queue short, so its next offset would
        // fall back and reuse offsets (or the first surviving record would not fit its queue).
        logicalFlush.forceQueues().whenComplete((v, forceError) -> {
            if (forceError != null) {
                inFlight = false;
                stopDeleting("the consume queues could not be forced first: " + forceError);
                return;
            }
            scheduler.offload(() -> {
                for (Callable<Void> d : deletions) {
                    d.call();
                }
                return null;
            }).whenComplete((w, error) -> {
                inFlight = false;
                if (error != null) {
                    stopDeleting("deleting them failed: " + error);
                }
            });
        });
    }

    /**
     * The segments this round detached are forgotten by the logs but stay on disk; deleting later
     * ones would leave a gap the next open refuses, so retention deletes nothing more until a restart.
     */
    private void stopDeleting(String why) {
        stopped = true;
        LOG.error("old store files stay on disk and retention stops deleting until a restart: {}", why);
    }

    private boolean isDeleteHour(long wallClockMs) {
        int hour = Instant.ofEpochMilli(wallClockMs).atZone(ZoneOffset.UTC).getHour();
        for (int h : config.deleteWhenHours()) {
            if (h == hour) {
                return true;
            }
        }
        return false;
    }
}
