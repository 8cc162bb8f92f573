package io.gantry.protocol.rpc;

/**
 * Definite: the RPC layer refused the request before sending it, e.g. the channel was already
 * closed, too many requests were pending on it, or the client was closed.
 */
public final class RpcRejectedException extends RpcDefiniteException {

    private static final long serialVersionUID = 1L;

    public RpcRejectedException(String remoteAddress, String message) {
        super(remoteAddress, message, null);
    }

    public RpcRejectedException(String remoteAddress, String message, Throwable cause) {
        super(remoteAddress, message, cause);
    }
}
