package io.gantry.protocol.header;

/**
 * UNREGISTER_BROKER (104) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record UnregisterBrokerRequestHeader(
        @Required String brokerName,
        @Required String brokerAddr,
        @Required String clusterName,
        @Required Long brokerId) {}
