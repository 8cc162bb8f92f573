package io.gantry.store;

/** RocketMQ's {@code flushDiskType}: when an append counts as stored. */
public enum FlushDiskType {
    /** The commit log is forced every {@code flushIntervalCommitLog} ms; puts do not wait. */
    ASYNC_FLUSH,
    /** Group commit: a put waits (up to {@code syncFlushTimeout}) for a force that covers it. */
    SYNC_FLUSH
}
