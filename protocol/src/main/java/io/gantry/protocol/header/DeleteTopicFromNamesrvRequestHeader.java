package io.gantry.protocol.header;

/**
 * DELETE_TOPIC_IN_NAMESRV (216) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record DeleteTopicFromNamesrvRequestHeader(
        @Required String topic,
        String clusterName) {}
