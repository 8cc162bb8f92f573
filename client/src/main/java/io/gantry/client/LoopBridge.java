package io.gantry.client;

import io.gantry.runtime.Scheduler;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * How the blocking facades reach the loop: submit the operation to the node's scheduler and wait
 * for its future with a timeout. Refuses to run on the loop itself, where waiting would deadlock.
 */
public final class LoopBridge {

    private LoopBridge() {
    }

    /**
     * Runs {@code operation} on {@code scheduler}'s loop and waits up to {@code waitMs} for the
     * future it returns. A failure is rethrown as it is (a {@link ClientException},
     * {@link ValidationException}, ...); running out of time is an {@link IndeterminateException}.
     */
    public static <T> T call(Scheduler scheduler, long waitMs, Supplier<CompletableFuture<T>> operation) {
        try {
            return submit(scheduler, operation).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IndeterminateException("no result within " + waitMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndeterminateException("interrupted while waiting", e);
        } catch (ExecutionException e) {
            throw rethrowable(e.getCause());
        }
    }

    /** Runs {@code operation} on the loop and returns its future; callable from any thread. */
    public static <T> CompletableFuture<T> submit(Scheduler scheduler, Supplier<CompletableFuture<T>> operation) {
        if (scheduler.inLoop()) {
            throw new IllegalStateException("blocking client call on the client's own loop would deadlock; use the core API");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                operation.get().whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(unwrap(failure));
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Strips CompletionException / ExecutionException wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static RuntimeException rethrowable(Throwable cause) {
        Throwable failure = unwrap(cause);
        if (failure instanceof CancellationException) {
            return new IndeterminateException("cancelled", failure);
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new RequestFailedException(RequestFailedException.NO_RESPONSE, String.valueOf(failure), failure);
    }
}
