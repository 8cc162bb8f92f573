package io.gantry.protocol.header;

/**
 * PUT_KV_CONFIG (100) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record PutKVConfigRequestHeader(
        @Required String namespace,
        @Required String key,
        @Required String value) {}
