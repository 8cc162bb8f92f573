package io.gantry.client;

/**
 * A definite failure: the request was not sent, or the server answered with an error. For a
 * send, the message was not stored. {@link #responseCode()} is the server's response code, or
 * {@link #NO_RESPONSE} when the request never reached a server (connect failed, rejected locally,
 * no route).
 */
public final class RequestFailedException extends ClientException {

    private static final long serialVersionUID = 1L;

    /** {@link #responseCode()} when no server answered. */
    public static final int NO_RESPONSE = -1;

    private final int responseCode;
    private final String remark;

    public RequestFailedException(int responseCode, String remark, Throwable cause) {
        super(describe(responseCode, remark), cause);
        this.responseCode = responseCode;
        this.remark = remark;
    }

    /** A failure without a server response. */
    public static RequestFailedException local(String message, Throwable cause) {
        return new RequestFailedException(NO_RESPONSE, message, cause);
    }

    public int responseCode() {
        return responseCode;
    }

    /** The server's remark, or the local reason; may be null. */
    public String remark() {
        return remark;
    }

    @Override
    public boolean isDefinite() {
        return true;
    }

    private static String describe(int code, String remark) {
        return code == NO_RESPONSE ? "request failed: " + remark : "request failed with code " + code + ": " + remark;
    }
}
