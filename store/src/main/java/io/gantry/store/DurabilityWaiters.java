package io.gantry.store;

import io.gantry.runtime.Cancellable;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Futures waiting for the durable position to reach their end offset, in offset order (appends
 * are sequential, so they arrive sorted). Completing is idempotent: a waiter that already timed
 * out is simply dropped when a force finally covers it.
 */
final class DurabilityWaiters {
    private record Waiter(long endOffset, CompletableFuture<FlushStatus> future, Cancellable timeout) {
    }

    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    void add(long endOffset, CompletableFuture<FlushStatus> future, Cancellable timeout) {
        assert waiters.isEmpty() || waiters.peekLast().endOffset <= endOffset : "waiters out of order";
        waiters.addLast(new Waiter(endOffset, future, timeout));
    }

    /** Completes, with FLUSHED, every waiter whose end offset is at most {@code durableOffset}. */
    void completeUpTo(long durableOffset) {
        while (!waiters.isEmpty() && waiters.peekFirst().endOffset <= durableOffset) {
            Waiter w = waiters.pollFirst();
            if (w.timeout != null) {
                w.timeout.cancel();
            }
            w.future.complete(FlushStatus.FLUSHED);
        }
    }

    /** Drops waiters whose future is already done (timed out) from the head. */
    void dropDone() {
        while (!waiters.isEmpty() && waiters.peekFirst().future.isDone()) {
            waiters.pollFirst();
        }
    }

    void failAll(Throwable cause) {
        while (!waiters.isEmpty()) {
            Waiter w = waiters.pollFirst();
            if (w.timeout != null) {
                w.timeout.cancel();
            }
            w.future.completeExceptionally(cause);
        }
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    int size() {
        return waiters.size();
    }
}
