package io.gantry.broker.config;

import io.gantry.protocol.body.DataVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The broker's settings as they stand now: the start-up {@link BrokerConfig} plus what
 * UPDATE_BROKER_CONFIG changed since, with a {@link DataVersion} bumped on each change (GET_BROKER_CONFIG
 * answers it). Lives on the broker's loop.
 *
 * <p>Only {@link #RUNTIME_KEYS} may change: keys whose readers look at the current value (through a
 * listener or {@link #current()}) at each use. Everything else (addresses, names, queue counts, the delay
 * levels, store keys) is fixed until a restart, and an update naming one is refused whole. Changes are not
 * written back to broker.conf: they last until the broker stops (RocketMQ rewrites its config file; Gantry
 * leaves the operator's file alone).
 */
public final class RuntimeBrokerConfig {

    /** The keys UPDATE_BROKER_CONFIG may change. */
    public static final Set<String> RUNTIME_KEYS = Set.of("autoCreateSubscriptionGroup", "channelExpiredTimeoutMs");

    /** Why an update was refused: the key it names, and whether it is a fixed key rather than a bad value. */
    public static final class RefusedUpdateException extends IllegalArgumentException {
        private final String key;
        private final boolean fixedKey;

        RefusedUpdateException(String key, boolean fixedKey, String message) {
            super(message);
            this.key = key;
            this.fixedKey = fixedKey;
        }

        public String key() {
            return key;
        }

        /** True when the key exists but cannot change at run time (or is unknown); false for a bad value. */
        public boolean fixedKey() {
            return fixedKey;
        }
    }

    private final List<Consumer<BrokerConfig>> listeners = new ArrayList<>();
    private BrokerConfig current;
    private DataVersion dataVersion;

    public RuntimeBrokerConfig(BrokerConfig initial, long nowMs) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.dataVersion = new DataVersion(nowMs, 0);
    }

    public BrokerConfig current() {
        return current;
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** Called with the new settings after each accepted update. */
    public void addListener(Consumer<BrokerConfig> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Applies {@code changes} (key to text value) all together, or none of them.
     *
     * @return the new settings
     * @throws RefusedUpdateException naming the first key that is unknown, fixed, or given a bad value
     */
    public BrokerConfig update(Map<String, String> changes, long nowMs) {
        Map<String, String> sorted = new TreeMap<>(changes);
        for (String key : sorted.keySet()) {
            if (!RUNTIME_KEYS.contains(key)) {
                String why = BrokerConfigParser.isKnownKey(key) ? "cannot change at run time; set it in broker.conf and restart"
                        : "is not a broker configuration key";
                throw new RefusedUpdateException(key, true, key + " " + why + " (run-time keys: "
                        + new TreeSet<>(RUNTIME_KEYS) + ")");
            }
        }
        if (sorted.isEmpty()) {
            return current;
        }
        BrokerConfig next;
        try {
            next = BrokerConfigParser.applyBrokerKeys(current, sorted);
        } catch (IllegalArgumentException e) {
            String named = sorted.keySet().stream().filter(k -> String.valueOf(e.getMessage()).contains(k)).findFirst()
                    .orElse(sorted.keySet().iterator().next());
            throw new RefusedUpdateException(named, false, e.getMessage());
        }
        current = next;
        dataVersion = new DataVersion(Math.max(nowMs, dataVersion.timestamp()), dataVersion.counter() + 1);
        listeners.forEach(listener -> listener.accept(next));
        return next;
    }
}
