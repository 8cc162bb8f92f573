package io.gantry.protocol.header;

/**
 * QUERY_CONSUMER_OFFSET (14) response; "no offset" is QUERY_NOT_FOUND (22).
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record QueryConsumerOffsetResponseHeader(
        @Required Long offset) {}
