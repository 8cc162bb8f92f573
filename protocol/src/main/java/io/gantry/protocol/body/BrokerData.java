package io.gantry.protocol.body;

import java.util.Map;

/**
 * A broker group: its cluster, name and addresses by broker id (0 = master). Used in routes and
 * cluster info. {@code enableActingMaster} and {@code zoneName} are 5.x extras, null when absent.
 */
public record BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs,
                         Boolean enableActingMaster, String zoneName) {

    /** The broker id of a master. */
    public static final long MASTER_ID = 0L;

    public BrokerData {
        brokerAddrs = Copies.map(brokerAddrs);
    }

    public BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs) {
        this(cluster, brokerName, brokerAddrs, null, null);
    }

    /** The master's address, or null if the group has no live master. */
    public String masterAddr() {
        return brokerAddrs.get(MASTER_ID);
    }
}
