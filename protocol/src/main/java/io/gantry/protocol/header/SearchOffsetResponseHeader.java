package io.gantry.protocol.header;

/**
 * SEARCH_OFFSET_BY_TIMESTAMP (29) response.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record SearchOffsetResponseHeader(
        @Required Long offset) {}
