package io.gantry.protocol.header;

/**
 * QUERY_TOPIC_CONSUME_BY_WHO (300) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record QueryTopicConsumeByWhoRequestHeader(
        @Required String topic) {}
