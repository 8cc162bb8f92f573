package io.gantry.nameserver.route;

import io.gantry.protocol.body.BrokerData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Broker groups and clusters: which addresses serve each broker name, by broker id, and which
 * broker names make up each cluster. Maps are sorted by name and id, so everything built from
 * them (routes, cluster info) comes out in a stable order. Not thread-safe: used on the node's loop.
 *
 * <p>Invariants: no group is empty; every group's name is in its cluster's set; no cluster set is
 * empty; {@link #addressCount()} is the number of (group, id) entries.
 */
final class BrokerRegistry {

    /** One broker group: its cluster and its addresses by broker id. */
    private static final class Group {
        final String cluster;
        final TreeMap<Long, String> addrs = new TreeMap<>();

        Group(String cluster) {
            this.cluster = cluster;
        }
    }

    private final Map<String, Set<String>> clusters = new TreeMap<>();
    private final Map<String, Group> groups = new TreeMap<>();
    private int addressCount;

    /**
     * Puts {@code brokerAddr} at {@code brokerId} in group {@code brokerName}, first removing
     * that address from any other id of the group (a slave promoted to master re-registers
     * with id 0). Returns true when the id had no address before: a first registration.
     */
    boolean add(String clusterName, String brokerName, long brokerId, String brokerAddr) {
        clusters.computeIfAbsent(clusterName, name -> new TreeSet<>()).add(brokerName);
        Group group = groups.computeIfAbsent(brokerName, name -> new Group(clusterName));
        Iterator<Map.Entry<Long, String>> entries = group.addrs.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Long, String> entry = entries.next();
            if (entry.getKey() != brokerId && entry.getValue().equals(brokerAddr)) {
                entries.remove();
                addressCount--;
            }
        }
        String previous = group.addrs.put(brokerId, brokerAddr);
        if (previous == null) {
            addressCount++;
        }
        return previous == null;
    }

    /** True when adding {@code brokerId} to {@code brokerName} would add an address. */
    boolean isNewAddress(String brokerName, long brokerId) {
        Group group = groups.get(brokerName);
        return group == null || !group.addrs.containsKey(brokerId);
    }

    /**
     * Removes {@code brokerAddr} from group {@code brokerName} (at {@code brokerId}, or at any id
     * when {@code brokerId} is negative). Drops the group when it becomes empty and returns true
     * in that case.
     */
    boolean remove(String brokerName, long brokerId, String brokerAddr) {
        Group group = groups.get(brokerName);
        if (group == null) {
            return false;
        }
        boolean removed = brokerId >= 0
                ? group.addrs.remove(brokerId, brokerAddr)
                : group.addrs.values().removeIf(brokerAddr::equals);
        if (removed) {
            addressCount = countAddresses();
        }
        if (!group.addrs.isEmpty()) {
            return false;
        }
        groups.remove(brokerName);
        // A broker name may have been registered under several clusters; drop it from all.
        clusters.values().forEach(names -> names.remove(brokerName));
        clusters.values().removeIf(Set::isEmpty);
        return true;
    }

    /** The group as a route entry, or null if it has no address. */
    BrokerData brokerData(String brokerName) {
        Group group = groups.get(brokerName);
        return group == null ? null : new BrokerData(group.cluster, brokerName, group.addrs);
    }

    /** The master's address of a group, or null. */
    String masterAddr(String brokerName) {
        Group group = groups.get(brokerName);
        return group == null ? null : group.addrs.get(BrokerData.MASTER_ID);
    }

    /** Every group as a route entry, by name. */
    Map<String, BrokerData> allBrokerData() {
        Map<String, BrokerData> all = new LinkedHashMap<>();
        groups.keySet().forEach(name -> all.put(name, brokerData(name)));
        return all;
    }

    /** Broker names by cluster, sorted (a copy). */
    Map<String, Set<String>> clusters() {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        clusters.forEach((cluster, names) -> copy.put(cluster, Collections.unmodifiableSet(new TreeSet<>(names))));
        return copy;
    }

    /** The broker names of a cluster; empty if unknown. */
    Set<String> brokerNamesOf(String clusterName) {
        Set<String> names = clusters.get(clusterName);
        return names == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(names));
    }

    List<String> brokerNames() {
        return new ArrayList<>(groups.keySet());
    }

    int addressCount() {
        return addressCount;
    }

    private int countAddresses() {
        int count = 0;
        for (Group group : groups.values()) {
            count += group.addrs.size();
        }
        return count;
    }
}
