package io.gantry.store;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * SYNC_FLUSH group commit. A waiter starts a force if none is running; a force covers every
 * append made before it started, so appends that arrive during a force share the next one. A
 * waiter not covered within {@code syncFlushTimeoutMs} completes with
 * {@link FlushStatus#FLUSH_DISK_TIMEOUT} (the data stays stored, per RocketMQ). A failed force
 * fails every waiter and, through {@link StoreHealth}, every later put.
 */
final class GroupCommitFlusher implements Flusher, ForceRunner.Listener {
    private final Scheduler scheduler;
    private final SegmentedFile file;
    private final StoreHealth health;
    private final long syncFlushTimeoutMs;
    private final LongConsumer onDurable;
    private final ForceRunner runner;
    private final DurabilityWaiters waiters = new DurabilityWaiters();
    private final DurabilityWaiters untimedWaiters = new DurabilityWaiters();

    /**
     * @param onDurable told (on the loop) of each new durable position, before waiters complete,
     *                  so that a record is readable by the time its producer hears it is stored
     */
    GroupCommitFlusher(Scheduler scheduler, SegmentedFile file, StoreHealth health, long syncFlushTimeoutMs,
                       LongConsumer onDurable) {
        this.scheduler = scheduler;
        this.file = file;
        this.health = health;
        this.syncFlushTimeoutMs = syncFlushTimeoutMs;
        this.onDurable = onDurable;
        this.runner = new ForceRunner(scheduler, file, health, "commit log", this);
    }

    @Override
    public CompletableFuture<FlushStatus> awaitDurable(long endOffset) {
        return await(endOffset, true);
    }

    @Override
    public CompletableFuture<FlushStatus> flushNow() {
        return await(file.writePosition(), false);
    }

    private CompletableFuture<FlushStatus> await(long endOffset, boolean timed) {
        if (runner.failure() != null) {
            return CompletableFuture.failedFuture(failure());
        }
        if (endOffset <= file.durablePosition()) {
            return CompletableFuture.completedFuture(FlushStatus.FLUSHED);
        }
        CompletableFuture<FlushStatus> future = new CompletableFuture<>();
        if (timed) {
            Cancellable timeout = scheduler.schedule(syncFlushTimeoutMs, () -> {
                future.complete(FlushStatus.FLUSH_DISK_TIMEOUT);
                waiters.dropDone();
            });
            waiters.add(endOffset, future, timeout);
        } else {
            untimedWaiters.add(endOffset, future, null);
        }
        runner.tryStart();
        return future;
    }

    @Override
    public void forced(long durableOffset) {
        onDurable.accept(durableOffset);
        waiters.completeUpTo(durableOffset);
        untimedWaiters.completeUpTo(durableOffset);
        waiters.dropDone();
        if (!waiters.isEmpty() || !untimedWaiters.isEmpty()) {
            runner.tryStart();
        }
    }

    @Override
    public void forceFailed(Throwable cause) {
        StoreFailedException failure = failure();
        waiters.failAll(failure);
        untimedWaiters.failAll(failure);
    }

    private StoreFailedException failure() {
        return health.isWritable()
                ? new StoreFailedException("commit log force failed", runner.failure())
                : health.failure();
    }

    @Override
    public void start() {
        // Forces are driven by waiters; nothing periodic.
    }

    @Override
    public void stop() {
        // No timers of its own beyond per-waiter timeouts, which fire harmlessly.
    }
}
