package io.gantry.protocol.rpc;

/**
 * A failure after the request was handed to the network: it may have been processed by the peer,
 * once, or not at all. A caller that retries must tolerate duplicates.
 */
public abstract sealed class RpcIndeterminateException extends RpcException
        permits RpcTimeoutException, RpcConnectionClosedException {

    private static final long serialVersionUID = 1L;

    RpcIndeterminateException(String remoteAddress, String message, Throwable cause) {
        super(remoteAddress, message, cause);
    }

    @Override
    public final boolean isDefinite() {
        return false;
    }
}
