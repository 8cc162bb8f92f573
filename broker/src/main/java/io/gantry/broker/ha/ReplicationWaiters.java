package io.gantry.broker.ha;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Scheduler;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * SYNC_MASTER writes waiting for a slave's acknowledged offset to reach their end offset, in offset
 * order (writes are sequential). Each completes REPLICATED when an acknowledgement covers it, or
 * FLUSH_SLAVE_TIMEOUT after the timeout. Bounded: past {@link #MAX_WAITERS} a new write is answered
 * FLUSH_SLAVE_TIMEOUT at once rather than queued. On the broker's loop.
 */
public final class ReplicationWaiters {
    /** Most writes waiting at once. */
    public static final int MAX_WAITERS = 100_000;

    private record Waiter(long endOffset, CompletableFuture<ReplicationStatus> future, Cancellable timeout) {
    }

    private final Scheduler scheduler;
    private final long timeoutMs;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    public ReplicationWaiters(Scheduler scheduler, long timeoutMs) {
        this.scheduler = scheduler;
        this.timeoutMs = timeoutMs;
    }

    /** A future for the write ending at {@code endOffset}; already done if {@code ackedOffset} covers it. */
    public CompletableFuture<ReplicationStatus> await(long endOffset, long ackedOffset) {
        if (ackedOffset >= endOffset) {
            return CompletableFuture.completedFuture(ReplicationStatus.REPLICATED);
        }
        dropDone();
        if (waiters.size() >= MAX_WAITERS) {
            return CompletableFuture.completedFuture(ReplicationStatus.FLUSH_SLAVE_TIMEOUT);
        }
        CompletableFuture<ReplicationStatus> future = new CompletableFuture<>();
        Cancellable timeout = scheduler.schedule(timeoutMs,
                () -> future.complete(ReplicationStatus.FLUSH_SLAVE_TIMEOUT));
        assert waiters.isEmpty() || waiters.peekLast().endOffset <= endOffset : "replication waiters out of order";
        waiters.addLast(new Waiter(endOffset, future, timeout));
        return future;
    }

    /** A slave acknowledged {@code ackedOffset}: completes every waiter it covers. */
    public void acked(long ackedOffset) {
        while (!waiters.isEmpty() && waiters.peekFirst().endOffset <= ackedOffset) {
            Waiter w = waiters.pollFirst();
            w.timeout.cancel();
            w.future.complete(ReplicationStatus.REPLICATED);
        }
    }

    private void dropDone() {
        while (!waiters.isEmpty() && waiters.peekFirst().future.isDone()) {
            waiters.pollFirst();
        }
    }

    /** Completes every waiter with {@code status} (shutdown). */
    public void failAll(ReplicationStatus status) {
        while (!waiters.isEmpty()) {
            Waiter w = waiters.pollFirst();
            w.timeout.cancel();
            w.future.complete(status);
        }
    }

    public int size() {
        return waiters.size();
    }
}
