package io.gantry.protocol.header;

/**
 * QUERY_MESSAGE (12) response; body = concatenated records.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record QueryMessageResponseHeader(
        @Required Long indexLastUpdateTimestamp,
        @Required Long indexLastUpdatePhyoffset) {}
