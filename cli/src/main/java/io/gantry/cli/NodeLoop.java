package io.gantry.cli;

import io.gantry.runtime.NodeContext;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an action on a node's loop from a CLI thread and waits for its result: node state is only
 * touched on its loop, so the commands that start and stop nodes go through here.
 */
final class NodeLoop {

    private NodeLoop() {
    }

    /**
     * Runs {@code action} on the loop of {@code context} and returns its result, waiting at most
     * {@code timeoutSeconds}. An {@link IOException} or {@link RuntimeException} thrown by the
     * action is rethrown as is; anything else, a timeout or an interrupt becomes an IOException.
     */
    static <T> T call(NodeContext context, long timeoutSeconds, Callable<T> action) throws IOException {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.scheduler().execute(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IOException("the node's loop did not answer within " + timeoutSeconds + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }
}
