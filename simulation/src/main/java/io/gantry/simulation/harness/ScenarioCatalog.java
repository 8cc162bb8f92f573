package io.gantry.simulation.harness;

import io.gantry.simulation.harness.cluster.ClusterScenario;
import io.gantry.simulation.harness.store.StoreScenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every scenario by name. {@link #all()} is what {@code --scenario all} (the default) runs; the
 * deliberately broken {@code store-sync-early-ack} is reachable by name only, for showing that the
 * checkers catch it and the shrinker reduces it. Broker and HA scenarios register here.
 */
public final class ScenarioCatalog {

    private static final Map<String, Supplier<Scenario>> SCENARIOS = build();
    private static final List<String> ALL = List.of("store-sync", "store-async", "echo", "single-sync",
            "single-async", "ordered", "broadcast", "two-groups", "lite-pull", "ms-sync", "ms-async");

    private ScenarioCatalog() {
    }

    private static Map<String, Supplier<Scenario>> build() {
        Map<String, Supplier<Scenario>> m = new LinkedHashMap<>();
        m.put("store-sync", StoreScenario::sync);
        m.put("store-async", StoreScenario::async);
        m.put("echo", EchoHarnessScenario::new);
        m.put("store-sync-early-ack", StoreScenario::earlyAckBroken);
        m.put("single-sync", ClusterScenario::singleSync);
        m.put("single-async", ClusterScenario::singleAsync);
        m.put("ordered", ClusterScenario::ordered);
        m.put("broadcast", ClusterScenario::broadcast);
        m.put("two-groups", ClusterScenario::twoGroups);
        m.put("lite-pull", ClusterScenario::litePull);
        m.put("ms-sync", ClusterScenario::masterSlaveSync);
        m.put("ms-async", ClusterScenario::masterSlaveAsync);
        m.put("single-sync-early-ack", ClusterScenario::singleSyncEarlyAckBroken);
        return Map.copyOf(m);
    }

    /** The scenario called {@code name}; a new instance (scenarios are stateless anyway). */
    public static Scenario get(String name) {
        Supplier<Scenario> s = SCENARIOS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no scenario " + name + "; known: " + names());
        }
        return s.get();
    }

    /** Names of the scenarios {@code all} runs, in order. */
    public static List<String> all() {
        return ALL;
    }

    /** Every known name: {@link #all()} first, then the ones reachable only by name. */
    public static List<String> names() {
        List<String> out = new java.util.ArrayList<>(ALL);
        SCENARIOS.keySet().stream().filter(n -> !ALL.contains(n)).sorted().forEach(out::add);
        return out;
    }
}
