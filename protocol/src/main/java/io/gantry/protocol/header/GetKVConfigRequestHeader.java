package io.gantry.protocol.header;

/**
 * GET_KV_CONFIG (101) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetKVConfigRequestHeader(
        @Required String namespace,
        @Required String key) {}
