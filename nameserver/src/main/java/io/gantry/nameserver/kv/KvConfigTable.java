package io.gantry.nameserver.kv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The nameserver's KV configuration: namespace to key to value. The only namespace stock RocketMQ
 * uses is {@link #ORDER_TOPIC_CONFIG} (topic to {@code brokerName:queueNum;...}), written by
 * {@code mqadmin updateTopic -o true}. Bounded by {@code maxEntries} over all namespaces. In
 * memory only. Not thread-safe: used on the node's loop.
 */
public final class KvConfigTable {

    /** Namespace of global-order topic configs. */
    public static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

    private final int maxEntries;
    private final Map<String, Map<String, String>> namespaces = new TreeMap<>();
    private int entryCount;

    public KvConfigTable(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * Sets a value, replacing any previous one.
     *
     * @throws IllegalStateException if it would add an entry beyond the limit (nothing changes)
     */
    public void put(String namespace, String key, String value) {
        Map<String, String> table = namespaces.get(namespace);
        boolean adds = table == null || !table.containsKey(key);
        if (adds && entryCount >= maxEntries) {
            throw new IllegalStateException("KV config full (" + maxEntries + " entries); refusing "
                    + namespace + "/" + key);
        }
        namespaces.computeIfAbsent(namespace, name -> new TreeMap<>()).put(key, value);
        if (adds) {
            entryCount++;
        }
    }

    public Optional<String> get(String namespace, String key) {
        Map<String, String> table = namespaces.get(namespace);
        return table == null ? Optional.empty() : Optional.ofNullable(table.get(key));
    }

    /** Removes a value; true if it was there. An emptied namespace is gone. */
    public boolean delete(String namespace, String key) {
        Map<String, String> table = namespaces.get(namespace);
        if (table == null || table.remove(key) == null) {
            return false;
        }
        entryCount--;
        if (table.isEmpty()) {
            namespaces.remove(namespace);
        }
        return true;
    }

    /** A namespace's entries sorted by key, or empty if the namespace has none. */
    public Optional<Map<String, String>> list(String namespace) {
        Map<String, String> table = namespaces.get(namespace);
        return table == null
                ? Optional.empty()
                : Optional.of(Collections.unmodifiableMap(new LinkedHashMap<>(table)));
    }

    /** Entries over all namespaces. */
    public int size() {
        return entryCount;
    }
}
