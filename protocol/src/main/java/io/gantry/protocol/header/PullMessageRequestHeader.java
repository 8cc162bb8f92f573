package io.gantry.protocol.header;

/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361) request. sysFlag holds PullSysFlag bits.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record PullMessageRequestHeader(
        @Required String consumerGroup,
        @Required String topic,
        @Required Integer queueId,
        @Required Long queueOffset,
        @Required Integer maxMsgNums,
        @Required Integer sysFlag,
        @Required Long commitOffset,
        @Required Long suspendTimeoutMillis,
        String subscription,
        @Required Long subVersion,
        String expressionType,
        String bname,
        Integer maxMsgBytes) {}
