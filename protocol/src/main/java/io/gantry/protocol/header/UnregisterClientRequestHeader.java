package io.gantry.protocol.header;

/**
 * UNREGISTER_CLIENT (35) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record UnregisterClientRequestHeader(
        @Required String clientID,
        String producerGroup,
        String consumerGroup) {}
