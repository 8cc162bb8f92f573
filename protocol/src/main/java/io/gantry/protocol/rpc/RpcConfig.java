package io.gantry.protocol.rpc;

/**
 * Limits and policies of an {@link RpcServer} or {@link RpcClient}.
 *
 * @param maxPendingRequestsPerChannel requests awaiting a response on one channel; one more is
 *                                     rejected at once with {@link RpcRejectedException}
 * @param maxChannels                  open channels one server accepts (more are closed on open), or
 *                                     addresses one client keeps connections to (more are rejected)
 * @param closeChannelOnTimeout        whether the client closes a channel after an invoke on it times
 *                                     out, as RocketMQ's {@code clientCloseSocketIfTimeout=true} does: a
 *                                     peer that stopped answering is more likely dead than slow
 */
public record RpcConfig(int maxPendingRequestsPerChannel, int maxChannels, boolean closeChannelOnTimeout) {

    /** Default pending-request limit per channel. */
    public static final int DEFAULT_MAX_PENDING_REQUESTS_PER_CHANNEL = 65_536;
    /** Default channel limit. */
    public static final int DEFAULT_MAX_CHANNELS = 10_000;

    public RpcConfig {
        if (maxPendingRequestsPerChannel < 1 || maxPendingRequestsPerChannel > 1 << 24) {
            throw new IllegalArgumentException("maxPendingRequestsPerChannel out of [1, 2^24]: " + maxPendingRequestsPerChannel);
        }
        if (maxChannels < 1 || maxChannels > 1_000_000) {
            throw new IllegalArgumentException("maxChannels out of [1, 1000000]: " + maxChannels);
        }
    }

    /** 65,536 pending requests per channel, 10,000 channels, close on timeout. */
    public static RpcConfig defaults() {
        return new RpcConfig(DEFAULT_MAX_PENDING_REQUESTS_PER_CHANNEL, DEFAULT_MAX_CHANNELS, true);
    }

    public RpcConfig withMaxPendingRequestsPerChannel(int value) {
        return new RpcConfig(value, maxChannels, closeChannelOnTimeout);
    }

    public RpcConfig withMaxChannels(int value) {
        return new RpcConfig(maxPendingRequestsPerChannel, value, closeChannelOnTimeout);
    }

    public RpcConfig withCloseChannelOnTimeout(boolean value) {
        return new RpcConfig(maxPendingRequestsPerChannel, maxChannels, value);
    }
}
