package io.gantry.client;

/**
 * A client operation failed. Subclasses say whether the outcome is known: {@link #isDefinite()}
 * true means the request did not take effect (nothing was stored, no offset moved); false means
 * it may have.
 */
public abstract sealed class ClientException extends RuntimeException
        permits RequestFailedException, IndeterminateException {

    private static final long serialVersionUID = 1L;

    protected ClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True if the request certainly did not take effect. */
    public abstract boolean isDefinite();
}
