package io.gantry.nameserver.route;

import io.gantry.protocol.body.DataVersion;
import java.util.Objects;

/**
 * What the nameserver knows about one live broker process since its last registration.
 *
 * @param brokerName       its broker group
 * @param brokerId         0 for the master, above 0 for a slave
 * @param lastUpdateMs     the nameserver's monotonic time of the last registration or refresh
 * @param timeoutMs        silence after which the broker is dropped
 * @param dataVersion      the version of the topic table it last registered
 * @param channelId        the connection it registered over, or {@link #NO_CHANNEL}
 * @param haServerAddr     its HA listener, handed to its slaves
 */
public record BrokerLiveInfo(String brokerName, long brokerId, long lastUpdateMs, long timeoutMs,
                             DataVersion dataVersion, long channelId, String haServerAddr) {

    /** Channel id of a registration that came over no connection (a test, an internal call). */
    public static final long NO_CHANNEL = -1L;

    public BrokerLiveInfo {
        Objects.requireNonNull(brokerName, "brokerName");
        Objects.requireNonNull(dataVersion, "dataVersion");
        assert timeoutMs > 0 : "timeoutMs " + timeoutMs;
    }

    /** True when the broker has been silent for longer than its timeout at {@code nowMs}. */
    public boolean isExpired(long nowMs) {
        return nowMs - lastUpdateMs > timeoutMs;
    }

    /** The same broker, heard from at {@code nowMs}. */
    public BrokerLiveInfo refreshedAt(long nowMs) {
        return new BrokerLiveInfo(brokerName, brokerId, Math.max(lastUpdateMs, nowMs), timeoutMs, dataVersion,
                channelId, haServerAddr);
    }
}
