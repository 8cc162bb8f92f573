package io.gantry.protocol.rpc;

/** Definite: no connection to the address could be established (in time), so nothing was sent. */
public final class RpcConnectException extends RpcDefiniteException {

    private static final long serialVersionUID = 1L;

    public RpcConnectException(String remoteAddress, String message, Throwable cause) {
        super(remoteAddress, message, cause);
    }
}
