package io.gantry.protocol.header;

/**
 * GET_MIN_OFFSET (31) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetMinOffsetRequestHeader(
        @Required String topic,
        @Required Integer queueId,
        String bname) {}
