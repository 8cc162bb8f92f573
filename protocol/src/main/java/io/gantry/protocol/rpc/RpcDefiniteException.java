package io.gantry.protocol.rpc;

/** A failure before the request was sent: the peer certainly did not process it (safe to retry). */
public abstract sealed class RpcDefiniteException extends RpcException
        permits RpcConnectException, RpcRejectedException, RpcFrameTooLargeException {

    private static final long serialVersionUID = 1L;

    RpcDefiniteException(String remoteAddress, String message, Throwable cause) {
        super(remoteAddress, message, cause);
    }

    @Override
    public final boolean isDefinite() {
        return true;
    }
}
