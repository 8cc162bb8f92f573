package io.gantry.protocol.header;

/**
 * GET_MAX_OFFSET (30) response: the exclusive maximum offset.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetMaxOffsetResponseHeader(
        @Required Long offset) {}
