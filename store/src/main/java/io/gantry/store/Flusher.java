package io.gantry.store;

import java.util.concurrent.CompletableFuture;

/**
 * Makes a {@link SegmentedFile}'s appends durable and tells waiters when. Implementations differ
 * in when they force: {@link GroupCommitFlusher} (SYNC_FLUSH) as soon as someone waits,
 * {@link PeriodicFlusher} (ASYNC_FLUSH) on a timer. Used on the store's loop only.
 *
 * <p>Never completes a future with success before a force covering its offset has returned. After
 * a failed force every pending and later future fails with {@link StoreFailedException}.
 */
interface Flusher {

    /** Completes once the durable position reaches {@code endOffset} (or times out, SYNC_FLUSH only). */
    CompletableFuture<FlushStatus> awaitDurable(long endOffset);

    /** Forces everything appended so far; completes when it is durable. No timeout. */
    CompletableFuture<FlushStatus> flushNow();

    /** Starts timers. */
    void start();

    /** Cancels timers; pending waiters stay pending (the store flushes before it stops). */
    void stop();
}
