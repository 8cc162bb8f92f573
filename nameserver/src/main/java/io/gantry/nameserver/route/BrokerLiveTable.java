package io.gantry.nameserver.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live broker processes by (cluster, address): when each was last heard from, over which
 * connection, with which topic-table version. Iteration is in first-registration order, so scans
 * are deterministic. Not thread-safe: used on the node's loop.
 */
final class BrokerLiveTable {

    private final Map<BrokerAddrInfo, BrokerLiveInfo> live = new LinkedHashMap<>();

    BrokerLiveInfo get(BrokerAddrInfo key) {
        return live.get(key);
    }

    /** Records a registration; returns the previous entry, or null for a new broker. */
    BrokerLiveInfo put(BrokerAddrInfo key, BrokerLiveInfo info) {
        return live.put(key, info);
    }

    BrokerLiveInfo remove(BrokerAddrInfo key) {
        return live.remove(key);
    }

    /** Marks the broker as heard from at {@code nowMs}; false if it is not live. */
    boolean refresh(BrokerAddrInfo key, long nowMs) {
        BrokerLiveInfo info = live.get(key);
        if (info == null) {
            return false;
        }
        live.put(key, info.refreshedAt(nowMs));
        return true;
    }

    /** The brokers silent for longer than their timeout at {@code nowMs}. */
    List<BrokerAddrInfo> expired(long nowMs) {
        List<BrokerAddrInfo> expired = new ArrayList<>();
        live.forEach((key, info) -> {
            if (info.isExpired(nowMs)) {
                expired.add(key);
            }
        });
        return expired;
    }

    /** The brokers that registered over connection {@code channelId}. */
    List<BrokerAddrInfo> registeredOver(long channelId) {
        List<BrokerAddrInfo> found = new ArrayList<>();
        live.forEach((key, info) -> {
            if (info.channelId() == channelId) {
                found.add(key);
            }
        });
        return found;
    }

    int size() {
        return live.size();
    }
}
