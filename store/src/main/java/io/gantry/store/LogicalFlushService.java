package io.gantry.store;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Every {@code flushIntervalConsumeQueue} ms: forces the consume queues and index files that
 * changed, then stores the checkpoint saying which commit-log prefix they now durably cover. The
 * covered offset is {@code min(dispatched, commit-log durable)} taken before the forces start,
 * so the checkpoint never claims more than is on disk. One round at a time, off the loop.
 *
 * <p>A failure turns the store read-only (the queue files can no longer be trusted) and stops
 * the service.
 */
final class LogicalFlushService {
    private final Scheduler scheduler;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final Checkpoint checkpoint;
    private final SegmentedFile commitLog;
    private final Dispatcher dispatcher;
    private final StoreHealth health;
    private final long intervalMs;
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
    private Cancellable timer;
    private boolean inFlight;
    private boolean failed;
    private boolean rerun;
    private CheckpointData lastStored;

    LogicalFlushService(Scheduler scheduler, ConsumeQueueTable queues, IndexService index, Checkpoint checkpoint,
                        SegmentedFile commitLog, Dispatcher dispatcher, StoreHealth health, long intervalMs,
                        CheckpointData lastStored) {
        this.scheduler = scheduler;
        this.queues = queues;
        this.index = index;
        this.checkpoint = checkpoint;
        this.commitLog = commitLog;
        this.dispatcher = dispatcher;
        this.health = health;
        this.intervalMs = intervalMs;
        this.lastStored = lastStored;
    }

    void start() {
        if (timer == null) {
            timer = scheduler.schedulePeriodic(intervalMs, intervalMs, this::runOnce);
        }
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    Checkpoint checkpoint() {
        return checkpoint;
    }

    boolean inFlight() {
        return inFlight;
    }

    CheckpointData lastStored() {
        return lastStored;
    }

    /** Runs a round now (after the one in flight, if any); completes when it has stored its checkpoint. */
    CompletableFuture<Void> flushNow() {
        if (failed) {
            return CompletableFuture.failedFuture(health.failure());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiters.add(done);
        if (inFlight) {
            rerun = true;
        } else {
            runOnce();
        }
        return done;
    }

    /**
     * Forces the consume queues written so far, without a checkpoint (retention calls it before
     * deleting the records their entries point to: a checkpoint needs disk space, a force does not).
     * A failure fails the service as a failed round does: after a failed fsync the pages may be
     * marked clean without being written, so no later checkpoint may claim them. Completes on the loop.
     */
    CompletableFuture<Void> forceQueues() {
        if (failed) {
            return CompletableFuture.failedFuture(health.failure());
        }
        List<ConsumeQueue> forced = queues.dirty();
        if (forced.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<SegmentedFile.ForceTask> tasks = new ArrayList<>(forced.size());
        for (ConsumeQueue q : forced) {
            tasks.add(q.file().prepareForce());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.offload(() -> {
            for (SegmentedFile.ForceTask t : tasks) {
                t.call();
            }
            return null;
        }).whenComplete((v, error) -> {
            for (int i = 0; i < forced.size(); i++) {
                forced.get(i).file().forceEnded(tasks.get(i), error == null);
            }
            if (error != null) {
                fail(error);
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    private void runOnce() {
        if (inFlight || failed) {
            return;
        }
        long clDurable = commitLog.durablePosition();
        long covered = Math.min(dispatcher.dispatchedOffset(), clDurable);
        List<ConsumeQueue> dirty = queues.dirty();
        if (dirty.isEmpty() && covered == lastStored.logicsOffset() && clDurable == lastStored.physicOffset()
                && waiters.isEmpty()) {
            return;
        }
        List<ConsumeQueue> forced = new ArrayList<>(dirty);
        List<SegmentedFile.ForceTask> tasks = new ArrayList<>();
        for (ConsumeQueue q : forced) {
            tasks.add(q.file().prepareForce());
        }
        Callable<Void> indexTask;
        try {
            indexTask = index == null ? () -> null : index.prepareForce();
        } catch (Exception e) {
            for (int i = 0; i < forced.size(); i++) {
                forced.get(i).file().forceEnded(tasks.get(i), false);
            }
            fail(e);
            return;
        }
        long ts = dispatcher.lastStoreTimestamp();
        CheckpointData data = new CheckpointData(ts, ts, ts, clDurable, covered, covered);
        List<CompletableFuture<Void>> round = new ArrayList<>(waiters);
        waiters.clear();
        inFlight = true;
        scheduler.offload(() -> {
            for (SegmentedFile.ForceTask t : tasks) {
                t.call();
            }
            indexTask.call();
            checkpoint.store(data);
            return null;
        }).whenComplete((v, error) -> {
            inFlight = false;
            for (int i = 0; i < forced.size(); i++) {
                forced.get(i).file().forceEnded(tasks.get(i), error == null);
            }
            if (error != null) {
                round.forEach(w -> w.completeExceptionally(error));
                fail(error);
                return;
            }
            lastStored = data;
            round.forEach(w -> w.complete(null));
            if (rerun) {
                rerun = false;
                runOnce();
            }
        });
    }

    private void fail(Throwable error) {
        failed = true;
        health.turnReadOnly("consume-queue/index flush or checkpoint failed: " + error, error);
        StoreFailedException failure = health.failure();
        waiters.forEach(w -> w.completeExceptionally(failure));
        waiters.clear();
    }
}
