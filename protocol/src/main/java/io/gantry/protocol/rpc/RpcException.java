package io.gantry.protocol.rpc;

/**
 * Why an RPC did not produce a response. Every failure the RPC layer reports is one of two kinds,
 * and callers (the client's retry logic, the simulation's checkers) must treat them differently:
 * <ul>
 *   <li>{@link RpcDefiniteException definite}: the request never left this node, so the peer
 *       certainly did not process it; retrying cannot duplicate it.</li>
 *   <li>{@link RpcIndeterminateException indeterminate}: the request was handed to the network
 *       and no response came back; the peer may or may not have processed it.</li>
 * </ul>
 * Unchecked, since these travel as the cause of a failed {@code CompletableFuture}.
 */
public abstract sealed class RpcException extends RuntimeException
        permits RpcDefiniteException, RpcIndeterminateException {

    private static final long serialVersionUID = 1L;

    private final String remoteAddress;

    RpcException(String remoteAddress, String message, Throwable cause) {
        super(message + " [remote " + remoteAddress + "]", cause);
        this.remoteAddress = remoteAddress;
    }

    /** The address the request was meant for. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** True if the request certainly was not processed by the peer. */
    public abstract boolean isDefinite();

    /**
     * The RpcException behind {@code failure}, looking through the CompletionException and
     * ExecutionException wrappers that futures add; null if there is none.
     */
    public static RpcException find(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 8; depth++) {
            if (cause instanceof RpcException rpc) {
                return rpc;
            }
            if (!(cause instanceof java.util.concurrent.CompletionException
                    || cause instanceof java.util.concurrent.ExecutionException)) {
                return null;
            }
            cause = cause.getCause();
        }
        return null;
    }
}
