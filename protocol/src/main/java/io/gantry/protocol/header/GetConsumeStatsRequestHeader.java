package io.gantry.protocol.header;

/**
 * GET_CONSUME_STATS (208) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetConsumeStatsRequestHeader(
        @Required String consumerGroup,
        String topic) {}
