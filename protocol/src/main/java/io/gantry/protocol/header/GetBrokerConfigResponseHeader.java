package io.gantry.protocol.header;

/**
 * GET_BROKER_CONFIG (26) response; version holds the config DataVersion JSON.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetBrokerConfigResponseHeader(
        @Required String version) {}
