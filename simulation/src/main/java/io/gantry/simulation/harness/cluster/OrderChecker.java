package io.gantry.simulation.harness.cluster;

import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.PutIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code order} (ordered workload): per sharding key, acknowledged sends are first delivered to the
 * consumer group in send order, while the key's queue stays on one broker. Sends of a key are
 * sequential, so invoke order is send order; sends are grouped by the (broker, queue) their ack
 * named, and within a group the first deliveries (to any consumer, not the drain) must come in the
 * same order. A send never delivered is skipped (the loss checkers judge it).
 */
final class OrderChecker implements Checker {

    @Override
    public String name() {
        return "order";
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        Map<String, List<PutIndex.Put>> byKeyAndQueue = new LinkedHashMap<>();
        for (PutIndex.Put p : index.puts().values()) {
            String shard = shardOf(p.invoke);
            if (shard == null || !p.acked()) {
                continue;
            }
            String key = shard + " on " + p.completion.topic() + "/" + p.completion.queue();
            byKeyAndQueue.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        long violations = 0;
        long checked = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, List<PutIndex.Put>> group : byKeyAndQueue.entrySet()) {
            HistoryEntry lastFirst = null;
            PutIndex.Put lastPut = null;
            for (PutIndex.Put p : group.getValue()) {
                HistoryEntry first = firstDelivery(p);
                if (first == null) {
                    continue;
                }
                checked++;
                if (lastFirst != null && first.index() < lastFirst.index()) {
                    violations++;
                    examples.add(group.getKey() + ": " + p.invoke.value() + " (sent after " + lastPut.invoke.value()
                            + ") first delivered at " + first.timeMs() + " ms to " + first.process() + ", before it ("
                            + lastFirst.timeMs() + " ms to " + lastFirst.process() + ")");
                } else {
                    lastFirst = first;
                    lastPut = p;
                }
            }
        }
        return new CheckResult(name(), violations, checked, examples);
    }

    private static HistoryEntry firstDelivery(PutIndex.Put p) {
        for (HistoryEntry r : p.reads) {
            if (!"drain".equals(r.process())) {
                return r;
            }
        }
        return null;
    }

    static String shardOf(HistoryEntry invoke) {
        String d = invoke.detail();
        return d != null && d.startsWith("shard=") ? d.substring("shard=".length()) : null;
    }
}
