package io.gantry.client.consumer;

/** What a pull found: messages, nothing new, nothing matching the filter, or an offset out of range. */
public enum PullStatus {
    FOUND, NO_NEW_MSG, NO_MATCHED_MSG, OFFSET_ILLEGAL
}
