package io.gantry.protocol.rpc;

/**
 * Hears channels open and close, on the node's loop. The broker uses it to expire clients, the
 * nameserver to expire brokers. A listener that throws is logged; the others still run.
 */
public interface ChannelListener {

    /** A channel is open and ready to carry requests. */
    default void onChannelOpen(RemotingChannel channel) {
    }

    /**
     * A channel closed; its pending requests have already failed. {@code cause} is null for an
     * orderly close.
     */
    default void onChannelClose(RemotingChannel channel, Throwable cause) {
    }
}
