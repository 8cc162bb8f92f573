package io.gantry.protocol.rpc;

/**
 * Indeterminate: the connection closed (by either end, or a reset) after the request was sent and
 * before its response arrived. The peer may have processed it.
 */
public final class RpcConnectionClosedException extends RpcIndeterminateException {

    private static final long serialVersionUID = 1L;

    public RpcConnectionClosedException(String remoteAddress, String message, Throwable cause) {
        super(remoteAddress, message, cause);
    }
}
