package io.gantry.protocol.header;

/**
 * GET_CONSUMER_LIST_BY_GROUP (38) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetConsumerListByGroupRequestHeader(
        @Required String consumerGroup) {}
