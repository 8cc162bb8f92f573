package io.gantry.protocol.header;

/**
 * REGISTER_BROKER (103) request, broker to nameserver; body RegisterBrokerBody. bodyCrc32 is CRC32 of the body masked to 31 bits, 0 = unchecked.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record RegisterBrokerRequestHeader(
        @Required String brokerName,
        @Required String brokerAddr,
        @Required String clusterName,
        @Required String haServerAddr,
        @Required Long brokerId,
        boolean compressed,
        Integer bodyCrc32,
        Long heartbeatTimeoutMillis,
        Boolean enableActingMaster) {}
