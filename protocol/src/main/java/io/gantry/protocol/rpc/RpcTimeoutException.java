package io.gantry.protocol.rpc;

/**
 * Indeterminate: the request was sent but no response arrived within its timeout. The peer may
 * have processed it (and its response may still be in flight: a late response is dropped).
 */
public final class RpcTimeoutException extends RpcIndeterminateException {

    private static final long serialVersionUID = 1L;

    private final long timeoutMs;

    public RpcTimeoutException(String remoteAddress, String message, long timeoutMs) {
        super(remoteAddress, message, null);
        this.timeoutMs = timeoutMs;
    }

    public long timeoutMs() {
        return timeoutMs;
    }
}
