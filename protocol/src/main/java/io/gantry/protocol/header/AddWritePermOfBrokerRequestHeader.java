package io.gantry.protocol.header;

/**
 * ADD_WRITE_PERM_OF_BROKER (327) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record AddWritePermOfBrokerRequestHeader(
        @Required String brokerName) {}
