package io.gantry.protocol.header;

/**
 * GET_MIN_OFFSET (31) response.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetMinOffsetResponseHeader(
        @Required Long offset) {}
