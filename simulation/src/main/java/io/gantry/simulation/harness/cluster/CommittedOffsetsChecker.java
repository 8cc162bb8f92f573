package io.gantry.simulation.harness.cluster;

import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.PutIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code committed-offsets}: a consumer group's committed offset for a queue, as one broker
 * incarnation holds it, never moves backwards (the workload never resets offsets). The run samples
 * every broker's offset table; a backward move is a violation when the group was stable (no fault
 * and no membership change since the previous sample: {@code quiet}), and counted otherwise
 * (RocketMQ lets a queue's new owner commit from an older offset after a rebalance; that is
 * at-least-once redelivery, not loss). A broker restart starts a new incarnation (its offsets come
 * back from the last persisted file), so samples are compared within one incarnation only.
 */
final class CommittedOffsetsChecker implements Checker {

    private final Map<String, Long> last = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> tolerated = new ArrayList<>();
    private long violationCount;
    private long toleratedCount;

    @Override
    public String name() {
        return "committed-offsets";
    }

    /** One sample of {@code queue}'s committed offset on {@code broker} incarnation {@code incarnation}. */
    void sample(String broker, long incarnation, String queue, long offset, long timeMs, boolean quiet) {
        if (offset < 0) {
            return;
        }
        String key = broker + "#" + incarnation + " " + queue;
        Long prior = last.put(key, offset);
        if (prior != null && offset < prior) {
            String what = queue + " on " + broker + " went back from " + prior + " to " + offset + " at " + timeMs + " ms";
            if (quiet) {
                violationCount++;
                violations.add(what + " while the group was stable");
            } else {
                toleratedCount++;
                tolerated.add(what + " (after a fault or rebalance)");
            }
        }
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        List<String> examples = new ArrayList<>(violations);
        examples.addAll(tolerated);
        return new CheckResult(name(), violationCount, violationCount + toleratedCount, examples);
    }
}
