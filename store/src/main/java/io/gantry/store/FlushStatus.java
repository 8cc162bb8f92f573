package io.gantry.store;

/** How a durability wait ended. A failed force is not a status: the future completes exceptionally. */
public enum FlushStatus {
    /** A force that covers the record returned. */
    FLUSHED,
    /**
     * SYNC_FLUSH only: no force covered the record within {@code syncFlushTimeout}. The record is
     * stored and may still become durable; RocketMQ answers FLUSH_DISK_TIMEOUT (code 10).
     */
    FLUSH_DISK_TIMEOUT
}
