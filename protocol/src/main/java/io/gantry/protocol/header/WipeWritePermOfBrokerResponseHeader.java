package io.gantry.protocol.header;

/**
 * WIPE_WRITE_PERM_OF_BROKER (205) response.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record WipeWritePermOfBrokerResponseHeader(
        @Required Integer wipeTopicCount) {}
