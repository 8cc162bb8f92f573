package io.gantry.broker.client;

import io.gantry.protocol.remoting.LanguageCode;
import io.gantry.protocol.rpc.RemotingChannel;
import java.util.Objects;

/**
 * One client connection as the broker knows it from heartbeats: the channel, the clientId it
 * announced, its language and version, and when it was last heard from (monotonic ms).
 */
public final class ClientChannel {

    private final RemotingChannel channel;
    private final String clientId;
    private final LanguageCode language;
    private final int version;
    private long lastUpdateMs;

    public ClientChannel(RemotingChannel channel, String clientId, LanguageCode language, int version, long nowMs) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.language = language;
        this.version = version;
        this.lastUpdateMs = nowMs;
    }

    public RemotingChannel channel() {
        return channel;
    }

    public String clientId() {
        return clientId;
    }

    public LanguageCode language() {
        return language;
    }

    public int version() {
        return version;
    }

    public long lastUpdateMs() {
        return lastUpdateMs;
    }

    void touch(long nowMs) {
        lastUpdateMs = Math.max(lastUpdateMs, nowMs);
    }
}
