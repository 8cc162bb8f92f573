package io.gantry.protocol.header;

/**
 * UPDATE_AND_CREATE_TOPIC (17) request. topicFilterType is SINGLE_TAG or MULTI_TAG.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record CreateTopicRequestHeader(
        @Required String topic,
        @Required String defaultTopic,
        @Required Integer readQueueNums,
        @Required Integer writeQueueNums,
        @Required Integer perm,
        @Required String topicFilterType,
        Integer topicSysFlag,
        @Required Boolean order,
        String attributes,
        Boolean force) {}
