package io.gantry.protocol.header;

/**
 * QUERY_CONSUMER_OFFSET (14) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record QueryConsumerOffsetRequestHeader(
        @Required String consumerGroup,
        @Required String topic,
        @Required Integer queueId,
        Boolean setZeroIfNotFound,
        String bname) {}
