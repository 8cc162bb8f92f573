package io.gantry.store;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * ASYNC_FLUSH: forces the file every {@code intervalMs} when it has unforced data. Waiters (used
 * by tests and by anyone who wants to know) complete when a periodic force covers them; there is
 * no timeout. Also used for the consume queues' own flushing. A failed force fails every waiter
 * and turns the store read-only.
 */
final class PeriodicFlusher implements Flusher, ForceRunner.Listener {
    private final Scheduler scheduler;
    private final SegmentedFile file;
    private final StoreHealth health;
    private final long intervalMs;
    private final LongConsumer onDurable;
    private final ForceRunner runner;
    private final DurabilityWaiters waiters = new DurabilityWaiters();
    private Cancellable timer;
    /** The highest offset a {@link #flushNow()} asked for; forces repeat until it is durable. */
    private long requestedOffset;

    PeriodicFlusher(Scheduler scheduler, SegmentedFile file, StoreHealth health, long intervalMs, String name,
                    LongConsumer onDurable) {
        this.scheduler = scheduler;
        this.file = file;
        this.health = health;
        this.intervalMs = intervalMs;
        this.onDurable = onDurable;
        this.runner = new ForceRunner(scheduler, file, health, name, this);
    }

    @Override
    public CompletableFuture<FlushStatus> awaitDurable(long endOffset) {
        if (runner.failure() != null) {
            return CompletableFuture.failedFuture(health.isWritable()
                    ? new StoreFailedException("force failed", runner.failure()) : health.failure());
        }
        if (endOffset <= file.durablePosition()) {
            return CompletableFuture.completedFuture(FlushStatus.FLUSHED);
        }
        CompletableFuture<FlushStatus> future = new CompletableFuture<>();
        waiters.add(endOffset, future, null);
        return future;
    }

    @Override
    public CompletableFuture<FlushStatus> flushNow() {
        requestedOffset = Math.max(requestedOffset, file.writePosition());
        CompletableFuture<FlushStatus> future = awaitDurable(file.writePosition());
        runner.tryStart();
        return future;
    }

    @Override
    public void forced(long durableOffset) {
        onDurable.accept(durableOffset);
        waiters.completeUpTo(durableOffset);
        // A flushNow() that arrived during this force needs one more.
        if (file.durablePosition() < requestedOffset) {
            runner.tryStart();
        }
    }

    @Override
    public void forceFailed(Throwable cause) {
        waiters.failAll(health.isWritable() ? new StoreFailedException("force failed", cause) : health.failure());
    }

    @Override
    public void start() {
        if (timer == null) {
            timer = scheduler.schedulePeriodic(intervalMs, intervalMs, runner::tryStart);
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    boolean forceInFlight() {
        return runner.inFlight();
    }
}
