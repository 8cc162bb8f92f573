package io.gantry.protocol.header;

/**
 * UPDATE_CONSUMER_OFFSET (15) request, usually oneway. commitOffset is the next offset to consume.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record UpdateConsumerOffsetRequestHeader(
        @Required String consumerGroup,
        @Required String topic,
        @Required Integer queueId,
        @Required Long commitOffset,
        String bname) {}
