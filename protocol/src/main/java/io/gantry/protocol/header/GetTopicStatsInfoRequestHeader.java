package io.gantry.protocol.header;

/**
 * GET_TOPIC_STATS_INFO (202) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetTopicStatsInfoRequestHeader(
        @Required String topic) {}
