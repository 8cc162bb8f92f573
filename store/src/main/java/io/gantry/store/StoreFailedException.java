package io.gantry.store;

/**
 * The store cannot vouch for data: a force or write failed, so the store is read-only. Pending
 * durability futures complete with it; it never means "maybe stored, report success".
 */
public final class StoreFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
