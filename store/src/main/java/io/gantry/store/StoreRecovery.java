package io.gantry.store;

import io.gantry.protocol.message.MessageRecordCodec;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the store files back to a consistent state at start-up (blocking; before serving).
 *
 * <ol>
 *   <li>The checkpoint says which commit-log prefix is durable ({@code physicOffset}) and which
 *       prefix the consume queues ({@code logicsOffset}) and index cover durably. Recovery re-reads
 *       records from {@code logicsOffset} (or from the oldest segment without a checkpoint),
 *       validating magic, size, fields, own offset and body CRC, and cuts the commit log after the
 *       last valid record. Invalid data below {@code physicOffset} is not a torn tail but lost
 *       acknowledged data: recovery refuses, naming the file and offset. Past {@code physicOffset}
 *       it refuses too when the first invalid record looks rotten rather than torn
 *       ({@link CommitLog#rotAt}): only its body CRC fails, no sector of it reads as zeros, and a
 *       valid record follows. Later records may have been forced, and a force covers the damaged
 *       record too.</li>
 *   <li>Consume queues keep only entries below {@code logicsOffset}; the rest are rewritten from
 *       the records. After a crash, index files not known complete are deleted and rebuilt.</li>
 *   <li>Everything is forced and a new checkpoint stored, so the recovered end is durable
 *       before any record is served.</li>
 * </ol>
 */
final class StoreRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);

    private StoreRecovery() {
    }

    /** What recovery found. */
    record Result(long commitLogEnd, long truncatedBytes, long redispatchedRecords, CheckpointData checkpoint,
                  String stopReason) {
    }

    private static void runBlocking(Callable<Void> task) throws IOException {
        try {
            task.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * A valid record whose queue offset lies past the queue's end: the queue lost entries that
     * cannot be rebuilt (a power loss took entries not yet forced whose records retention had
     * deleted). The record is the truth, so the queue skips to it; the log is never cut for it.
     */
    private static void fillLostEntries(SegmentedFile file, ConsumeQueue q, DispatchRequest r, long clMin)
            throws IOException {
        long missing = r.queueOffset() - q.maxOffset();
        if (missing > 0) {
            // The lost entries' records lay between the queue's last entry and this record, each at
            // least MIN_RECORD_BYTES long. A larger gap is a damaged queue-offset field (the body CRC
            // does not cover it): filling it would write up to 2^63 placeholders. A record that
            // decodes with its CRC intact is rot, not a tear (a torn sector reads as zeros, which
            // gives a small offset), and later records may have been acknowledged: refuse, as for rot.
            CqEntry last = q.maxOffset() > q.minOffset() ? q.read(q.maxOffset() - 1) : null;
            long room = r.commitLogOffset() - (last == null ? 0 : last.commitLogOffset());
            if (missing > room / MessageRecordCodec.MIN_RECORD_BYTES) {
                throw new StoreCorruptionException("commit log " + file.pathOf(r.commitLogOffset()) + " at offset "
                        + r.commitLogOffset() + ": queue offset " + r.queueOffset() + " is " + missing
                        + " past the end of " + q.topic() + "/" + q.queueId() + ", more records than fit in the "
                        + room + " bytes before it (a damaged header); refusing to drop the records after it");
            }
            LOG.warn("consume queue {}/{} ends at offset {} but the record at commit-log offset {} (min {}) has "
                    + "queue offset {}: {} entries whose records are gone are marked removed", q.topic(), q.queueId(),
                    q.maxOffset(), r.commitLogOffset(), clMin, r.queueOffset(), missing);
            q.fillGapTo(r.queueOffset(), r.commitLogOffset());
        }
    }

    static Result recover(CommitLog commitLog, ConsumeQueueTable queues, IndexService index, Dispatcher dispatcher,
                          Checkpoint checkpoint, CheckpointData cp, boolean abnormal, boolean checkCrc)
            throws IOException {
        SegmentedFile file = commitLog.file();
        long clMin = file.minOffset();
        long clWrite = file.writePosition();
        boolean haveCheckpoint = !cp.equals(CheckpointData.EMPTY);
        if (haveCheckpoint && cp.physicOffset() > clWrite) {
            throw new StoreCorruptionException("the checkpoint says the commit log was durable up to offset "
                    + cp.physicOffset() + " but it ends at " + clWrite + " (" + file.pathOf(clWrite)
                    + "): acknowledged data is missing");
        }
        long start = haveCheckpoint ? Math.max(clMin, cp.logicsOffset()) : clMin;
        // Store times keep never decreasing across restarts, even if the wall clock went back.
        commitLog.observeStoreTimestamp(Math.max(cp.physicMsgTimestamp(), cp.logicsMsgTimestamp()));
        // Records at or after indexFrom get their keys indexed again.
        long indexFrom;
        if (index == null) {
            indexFrom = Long.MAX_VALUE;
        } else if (abnormal || !haveCheckpoint || index.damagedAtLoad()) {
            long lastKept = index.dropUntrusted(haveCheckpoint ? cp.indexOffset() : 0);
            indexFrom = lastKept < 0 ? clMin : lastKept;
        } else {
            indexFrom = start;
        }
        long scanFrom = Math.max(clMin, Math.min(start, indexFrom));
        for (ConsumeQueue q : queues.all()) {
            q.truncateFromCommitLogOffset(start);
        }
        long[] redone = {0};
        long durableFloor = haveCheckpoint ? cp.physicOffset() : 0;
        CommitLog.ScanEnd end = commitLog.scan(scanFrom, checkCrc, record -> {
            DispatchRequest r = CommitLog.dispatchOf(record);
            try {
                if (r.consumeQueue() && r.commitLogOffset() >= start) {
                    fillLostEntries(file, queues.getOrCreate(r.topic(), r.queueId()), r, clMin);
                }
                dispatcher.dispatch(r, r.commitLogOffset() >= start, r.commitLogOffset() >= indexFrom);
            } catch (IllegalStateException e) {
                if (r.commitLogOffset() >= durableFloor) {
                    // Past what is known durable: a torn record that happens to decode. Cut here.
                    LOG.warn("record at commit-log offset {} does not fit its queue ({}); treating it as torn",
                            r.commitLogOffset(), e.getMessage());
                    return false;
                }
                throw new StoreCorruptionException("rebuilding the consume queue from the record at commit-log offset "
                        + r.commitLogOffset() + " (" + file.pathOf(r.commitLogOffset()) + "): " + e.getMessage());
            }
            redone[0]++;
            return true;
        });
        // A put that failed (ENOSPC) after writing the filler leaves the write position, and so a
        // force and the checkpoint, at the next segment's start: the filler is all that is there.
        if (haveCheckpoint && end.validThrough() < cp.physicOffset()) {
            throw new StoreCorruptionException("commit log " + file.pathOf(end.endOffset()) + " at offset "
                    + end.endOffset() + ": " + end.reason() + ", below the durable offset " + cp.physicOffset()
                    + " in the checkpoint; refusing to drop acknowledged records");
        }
        if (checkCrc && end.endOffset() < clWrite) {
            String rot = commitLog.rotAt(end.endOffset());
            if (rot != null) {
                throw new StoreCorruptionException("commit log " + file.pathOf(end.endOffset()) + " at offset "
                        + end.endOffset() + ": " + rot + "; refusing to drop the records after it, which may "
                        + "have been acknowledged");
            }
        }
        long truncated = clWrite - end.endOffset();
        if (truncated > 0) {
            LOG.warn("commit log recovery: cutting {} bytes after offset {} in {} ({})", truncated, end.endOffset(),
                    file.pathOf(end.endOffset()), end.reason());
        }
        if (abnormal || truncated > 0 || redone[0] > 0) {
            LOG.info("store recovery ({} shutdown): re-read {} records from offset {}, commit log ends at {}",
                    abnormal ? "abnormal" : "clean", redone[0], scanFrom, end.endOffset());
        }
        file.truncateTo(end.endOffset());
        if (abnormal) {
            // A failed fsync before the crash may have left pages clean but not durable.
            file.rewrite(haveCheckpoint ? cp.physicOffset() : clMin, end.endOffset());
        }
        file.forceAll();
        dispatcher.markDispatchedUpTo(end.endOffset());
        for (ConsumeQueue q : queues.all()) {
            q.file().forceAll();
            // Entries whose records retention already deleted are not served (RocketMQ's correctMinOffset).
            for (Callable<Void> deletion : q.dropBelowCommitLogOffset(clMin)) {
                runBlocking(deletion);
            }
        }
        if (index != null) {
            index.forceAll();
        }
        long ts = dispatcher.lastStoreTimestamp();
        CheckpointData recovered = new CheckpointData(ts, ts, ts, end.endOffset(), end.endOffset(), end.endOffset());
        checkpoint.store(recovered);
        return new Result(end.endOffset(), truncated, redone[0], recovered, end.reason());
    }
}
