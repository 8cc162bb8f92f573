package io.gantry.protocol.header;

/**
 * GET_MAX_OFFSET (30) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetMaxOffsetRequestHeader(
        @Required String topic,
        @Required Integer queueId,
        Boolean committed,
        String bname) {}
