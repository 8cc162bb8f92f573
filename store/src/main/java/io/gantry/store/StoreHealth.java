package io.gantry.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's write gate. Once anything goes wrong that leaves the on-disk state unknown (a force
 * that threw, a write that failed half-way), the store turns read-only for good: later puts are
 * rejected with the recorded reason instead of being acknowledged over data that may be lost.
 * Only a restart, whose recovery re-reads the files, clears it.
 *
 * <p>Used on the store's loop only. Does not stop reads: records already dispatched stay readable.
 */
public final class StoreHealth {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

    private String readOnlyReason;
    private Throwable cause;

    /** True while puts are allowed. */
    public boolean isWritable() {
        return readOnlyReason == null;
    }

    /** Why the store turned read-only, or null while it is writable. */
    public String readOnlyReason() {
        return readOnlyReason;
    }

    /** Turns the store read-only; the first reason wins and is logged once. */
    public void turnReadOnly(String reason, Throwable cause) {
        if (readOnlyReason != null) {
            return;
        }
        this.readOnlyReason = reason;
        this.cause = cause;
        LOG.error("store turned read-only: {}", reason, cause);
    }

    /** The exception to hand to callers while read-only (a fresh one each time, with the cause). */
    public StoreFailedException failure() {
        assert readOnlyReason != null : "failure() on a writable store";
        return new StoreFailedException("store is read-only: " + readOnlyReason, cause);
    }
}
