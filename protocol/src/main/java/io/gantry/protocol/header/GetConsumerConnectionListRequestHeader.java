package io.gantry.protocol.header;

/**
 * GET_CONSUMER_CONNECTION_LIST (203) request; CONSUMER_NOT_ONLINE (206) if none.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetConsumerConnectionListRequestHeader(
        @Required String consumerGroup) {}
