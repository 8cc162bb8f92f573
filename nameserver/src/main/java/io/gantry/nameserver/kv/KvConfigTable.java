package io.gantry.nameserver.kv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The nameserver's KV configuration: namespace to key to value. The only namespace stock RocketMQ
 * uses is {@link #ORDER_TOPIC_CONFIG} (topic to {@code brokerName:queueNum;...}), written by
 * {@code mqadmin updateTopic -o true}. Bounded by {@code maxEntries} over all namespaces. Tells
 * its change listener about every change that alters it (the nameserver saves the table then).
 * Not thread-safe: used on the node's loop.
 */
public final class KvConfigTable {

    /** Namespace of global-order topic configs. */
    public static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

    private final int maxEntries;
    private final Map<String, Map<String, String>> namespaces = new TreeMap<>();
    private int entryCount;
    private Runnable changeListener = () -> { };

    public KvConfigTable(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** Runs {@code listener} after every change (put of a new or different value, delete). */
    public void setChangeListener(Runnable listener) {
        this.changeListener = Objects.requireNonNull(listener, "listener");
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
        String previous = namespaces.computeIfAbsent(namespace, name -> new TreeMap<>()).put(key, value);
        if (adds) {
            entryCount++;
        }
        if (!value.equals(previous)) {
            changeListener.run();
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
        changeListener.run();
        return true;
    }

    /** A namespace's entries sorted by key, or empty if the namespace has none. */
    public Optional<Map<String, String>> list(String namespace) {
        Map<String, String> table = namespaces.get(namespace);
        return table == null
                ? Optional.empty()
                : Optional.of(Collections.unmodifiableMap(new LinkedHashMap<>(table)));
    }

    /** A deep copy of every namespace, sorted: what gets saved. */
    public Map<String, Map<String, String>> snapshot() {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        namespaces.forEach((namespace, table) -> copy.put(namespace, new TreeMap<>(table)));
        return copy;
    }

    /** Entries over all namespaces. */
    public int size() {
        return entryCount;
    }
}
