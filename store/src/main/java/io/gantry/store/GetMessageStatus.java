package io.gantry.store;

/** Outcome of reading a consume queue, named as RocketMQ's GetMessageStatus. */
public enum GetMessageStatus {
    /** At least one message matched. */
    FOUND,
    /** Entries were scanned, none matched the filter; next offset skips them. */
    NO_MATCHED_MESSAGE,
    /** The entries point below the commit log's min offset (deleted by retention). */
    MESSAGE_WAS_REMOVING,
    /** The queue has no messages at all (max offset 0). */
    NO_MESSAGE_IN_QUEUE,
    /** The queue does not exist. */
    NO_MATCHED_LOGIC_QUEUE,
    /** The offset is below the queue's min offset. */
    OFFSET_TOO_SMALL,
    /** The offset equals the max offset: caught up. */
    OFFSET_OVERFLOW_ONE,
    /** The offset is beyond the max offset. */
    OFFSET_OVERFLOW_BADLY,
    /** The offset is in range but nothing could be read there (a hole or an unreadable record). */
    OFFSET_FOUND_NULL
}
