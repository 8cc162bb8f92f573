package io.gantry.protocol.header;

/**
 * GET_EARLIEST_MSG_STORETIME (32) response: store time (ms) of the message at minOffset.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetEarliestMsgStoretimeResponseHeader(
        @Required Long timestamp) {}
