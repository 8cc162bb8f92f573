package io.gantry.protocol.header;

/**
 * ADD_WRITE_PERM_OF_BROKER (327) response.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record AddWritePermOfBrokerResponseHeader(
        @Required Integer addTopicCount) {}
