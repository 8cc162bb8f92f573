package io.gantry.protocol.header;

/**
 * DELETE_KV_CONFIG (102) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record DeleteKVConfigRequestHeader(
        @Required String namespace,
        @Required String key) {}
