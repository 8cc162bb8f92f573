package io.gantry.client;

/**
 * The request was (or may have been) sent and no answer came: a timeout, or the connection was
 * lost before the response. The outcome is unknown: for a send, <em>the message may be stored</em>.
 * The client never retries these on its own, so a checker can count on "at most the attempts it
 * was told about".
 */
public final class IndeterminateException extends ClientException {

    private static final long serialVersionUID = 1L;

    public IndeterminateException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isDefinite() {
        return false;
    }
}
