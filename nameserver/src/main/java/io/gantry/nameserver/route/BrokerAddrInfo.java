package io.gantry.nameserver.route;

import java.util.Objects;

/**
 * Identifies one live broker process: its cluster and the address of its main listener. Two
 * clusters may reuse an address (a test rig, a move between clusters), so the address alone is
 * not enough.
 */
public record BrokerAddrInfo(String clusterName, String brokerAddr) {

    public BrokerAddrInfo {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(brokerAddr, "brokerAddr");
    }
}
