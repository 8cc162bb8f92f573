package io.gantry.protocol.header;

/**
 * GET_TOPICS_BY_CLUSTER (224) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetTopicsByClusterRequestHeader(
        @Required String cluster) {}
