package io.gantry.nameserver.route;

import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.TopicConfig;
import java.util.Map;
import java.util.Objects;

/**
 * One REGISTER_BROKER, decoded: who the broker is and the topic table it carries.
 *
 * @param clusterName   the broker's cluster
 * @param brokerName    its broker group
 * @param brokerAddr    {@code ip:port} of its main listener
 * @param brokerId      0 = master
 * @param haServerAddr  {@code ip:port} of its HA listener
 * @param topicConfigs  its topics by name (only a master's are used)
 * @param dataVersion   the version of that topic table
 * @param timeoutMs     silence after which it is dropped (the nameserver default unless the
 *                      broker asked for its own, as 5.x brokers may)
 * @param channelId     the connection it came over, or {@link BrokerLiveInfo#NO_CHANNEL}
 */
public record BrokerRegistration(String clusterName, String brokerName, String brokerAddr, long brokerId,
                                 String haServerAddr, Map<String, TopicConfig> topicConfigs,
                                 DataVersion dataVersion, long timeoutMs, long channelId) {

    /** The master's broker id. */
    public static final long MASTER_ID = 0L;

    public BrokerRegistration {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(brokerName, "brokerName");
        Objects.requireNonNull(brokerAddr, "brokerAddr");
        Objects.requireNonNull(dataVersion, "dataVersion");
        topicConfigs = topicConfigs == null ? Map.of() : topicConfigs;
        if (brokerId < 0) {
            throw new IllegalArgumentException("brokerId must not be negative, was " + brokerId);
        }
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, was " + timeoutMs);
        }
    }

    public boolean isMaster() {
        return brokerId == MASTER_ID;
    }

    public BrokerAddrInfo addrInfo() {
        return new BrokerAddrInfo(clusterName, brokerAddr);
    }
}
