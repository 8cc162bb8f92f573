package io.gantry.protocol.header;

/**
 * QUERY_DATA_VERSION (322) response.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record QueryDataVersionResponseHeader(
        @Required Boolean changed) {}
