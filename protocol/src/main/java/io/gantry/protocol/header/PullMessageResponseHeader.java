package io.gantry.protocol.header;

/**
 * PULL_MESSAGE response. All four required fields must be sent for codes 0, 19, 20 and 21.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record PullMessageResponseHeader(
        @Required Long suggestWhichBrokerId,
        @Required Long nextBeginOffset,
        @Required Long minOffset,
        @Required Long maxOffset,
        Long offsetDelta,
        Integer topicSysFlag,
        Integer groupSysFlag,
        Integer forbiddenType) {}
