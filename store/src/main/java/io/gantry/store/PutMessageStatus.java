package io.gantry.store;

/**
 * Outcome of appending to the store, named as RocketMQ's PutMessageStatus. Durability outcomes
 * (FLUSH_DISK_TIMEOUT, a failed force) come later, through the put's durability future.
 */
public enum PutMessageStatus {
    /** Appended (and, unless the store is read-only later, on its way to disk). */
    PUT_OK,
    /** The store is read-only after a failed force or write, or the disk is nearly full. */
    SERVICE_NOT_AVAILABLE,
    /** A new commit-log segment could not be created or written (disk full). */
    CREATE_MAPPED_FILE_FAILED,
    /** Body too large, topic too long, bad queue id, or an empty batch. */
    MESSAGE_ILLEGAL,
    /** Properties longer than 32767 bytes. */
    PROPERTIES_SIZE_EXCEEDED,
    /** Anything else; the store turned read-only. */
    UNKNOWN_ERROR
}
