package io.gantry.protocol.header;

/**
 * GET_KV_CONFIG (101) response; QUERY_NOT_FOUND (22) when absent.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetKVConfigResponseHeader(
        String value) {}
