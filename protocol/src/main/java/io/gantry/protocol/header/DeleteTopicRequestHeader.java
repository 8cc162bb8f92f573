package io.gantry.protocol.header;

/**
 * DELETE_TOPIC_IN_BROKER (215) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record DeleteTopicRequestHeader(
        @Required String topic) {}
