package io.gantry.protocol.header;

/**
 * QUERY_DATA_VERSION (322) request; body DataVersion.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record QueryDataVersionRequestHeader(
        @Required String brokerName,
        @Required String brokerAddr,
        @Required String clusterName,
        @Required Long brokerId) {}
