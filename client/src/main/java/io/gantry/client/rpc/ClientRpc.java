package io.gantry.client.rpc;

import io.gantry.client.IndeterminateException;
import io.gantry.client.RequestFailedException;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The client's view of the RPC layer: the same calls as {@link RpcClient}, with its failures
 * turned into the client's own: a definite {@link RpcException} becomes a
 * {@link RequestFailedException} (not sent), an indeterminate one an
 * {@link IndeterminateException} (sent, no answer). Loop-only, like the RPC client.
 */
public final class ClientRpc {

    private final RpcClient rpc;

    public ClientRpc(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** The underlying RPC client (for processors of server-initiated requests). */
    public RpcClient rpcClient() {
        return rpc;
    }

    /** Sends {@code request} and completes with the response, whatever its code. */
    public CompletableFuture<RemotingCommand> invoke(String address, RemotingCommand request, long timeoutMs) {
        CompletableFuture<RemotingCommand> sent;
        try {
            sent = rpc.invoke(address, request, timeoutMs);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translate(e));
        }
        return sent.handle((response, failure) -> {
            if (failure != null) {
                throw translate(failure);
            }
            return response;
        });
    }

    /** Sends {@code request} oneway; fails only definitely. */
    public CompletableFuture<Void> invokeOneway(String address, RemotingCommand request) {
        CompletableFuture<Void> sent;
        try {
            sent = rpc.invokeOneway(address, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translate(e));
        }
        return sent.handle((ignored, failure) -> {
            if (failure != null) {
                throw translate(failure);
            }
            return null;
        });
    }

    /** The client exception for an RPC failure; anything unknown counts as indeterminate. */
    public static RuntimeException translate(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof io.gantry.client.ClientException clientException) {
            return clientException;
        }
        RpcException rpcFailure = RpcException.find(cause);
        if (rpcFailure != null) {
            return rpcFailure.isDefinite()
                    ? RequestFailedException.local(rpcFailure.getMessage(), rpcFailure)
                    : new IndeterminateException(rpcFailure.getMessage(), rpcFailure);
        }
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
            return (RuntimeException) cause;
        }
        return new IndeterminateException("unexpected failure: " + cause, cause);
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

    public void close() {
        rpc.close();
    }
}
