package io.gantry.protocol.body;

/** Where a consumer group without a stored offset starts; the last three are deprecated. Written by name in JSON. */
public enum ConsumeFromWhere {
    CONSUME_FROM_LAST_OFFSET, CONSUME_FROM_FIRST_OFFSET, CONSUME_FROM_TIMESTAMP, CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST, CONSUME_FROM_MIN_OFFSET, CONSUME_FROM_MAX_OFFSET
}
