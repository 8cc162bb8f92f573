package io.gantry.protocol.header;

/**
 * GET_EARLIEST_MSG_STORETIME (32) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetEarliestMsgStoretimeRequestHeader(
        @Required String topic,
        @Required Integer queueId,
        String bname) {}
