package io.gantry.protocol.header;

/**
 * INVOKE_BROKER_TO_RESET_OFFSET (222) request, and the broker's RESET_CONSUMER_CLIENT_OFFSET (220)
 * to each consumer of the group (the same header class in RocketMQ). {@code timestamp} is in ms, -1
 * meaning the queue's max offset; {@code isForce} allows moving a group forward, not only back.
 * {@code queueId} and {@code offset} are 5.x additions: one queue set to an explicit offset.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record ResetOffsetRequestHeader(
        @Required String topic,
        @Required String group,
        @Required Long timestamp,
        @Required Boolean isForce,
        Integer queueId,
        Long offset) {}
