package io.gantry.protocol.header;

/**
 * REGISTER_BROKER (103) response; both fields set only when a slave registers and its master is alive.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record RegisterBrokerResponseHeader(
        String haServerAddr,
        String masterAddr) {}
