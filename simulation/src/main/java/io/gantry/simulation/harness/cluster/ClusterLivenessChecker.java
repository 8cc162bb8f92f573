package io.gantry.simulation.harness.cluster;

import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.PutIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code liveness} for clusters: after the heal, within {@link CheckInput#livenessBoundMs()} of
 * simulated time, every server is back, the probe sends are acknowledged, the drain reads every
 * queue to its end, and every value the drain found was handed to the consumer group (clustering:
 * to some consumer; broadcasting: to every consumer).
 */
final class ClusterLivenessChecker implements Checker {

    private final boolean broadcasting;
    private final Map<String, Set<String>> seenByConsumer;
    private final List<String> serverProblems;
    private final long[] deliveredAtMs;

    /**
     * @param seenByConsumer  values each consumer was handed, filled as the run goes
     * @param serverProblems  servers not back after the heal, filled by the run
     * @param deliveredAtMs   when every drained value had been delivered ({@code [0] = -1} if never)
     */
    ClusterLivenessChecker(boolean broadcasting, Map<String, Set<String>> seenByConsumer, List<String> serverProblems,
                           long[] deliveredAtMs) {
        this.broadcasting = broadcasting;
        this.seenByConsumer = seenByConsumer;
        this.serverProblems = serverProblems;
        this.deliveredAtMs = deliveredAtMs;
    }

    @Override
    public String name() {
        return "liveness";
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        List<String> problems = new ArrayList<>(serverProblems);
        if (input.probesAcked() < input.probes()) {
            problems.add(input.probesAcked() + " of " + input.probes() + " probe sends acknowledged within "
                    + input.livenessBoundMs() + " ms of the heal");
        }
        if (!input.drained()) {
            problems.add("the drain did not finish");
        }
        long undelivered = 0;
        List<String> missing = new ArrayList<>();
        for (String value : drained(index)) {
            for (Map.Entry<String, Set<String>> c : seenByConsumer.entrySet()) {
                boolean got = broadcasting ? c.getValue().contains(value)
                        : seenByConsumer.values().stream().anyMatch(s -> s.contains(value));
                if (!got) {
                    undelivered++;
                    if (missing.size() < 3) {
                        missing.add(value + (broadcasting ? " to " + c.getKey() : ""));
                    }
                }
                if (!broadcasting) {
                    break;
                }
            }
        }
        if (undelivered > 0) {
            problems.add(undelivered + " stored messages never delivered to the group within the bound, e.g. " + missing);
        } else if (deliveredAtMs[0] >= 0 && deliveredAtMs[0] - input.healAtMs() > input.livenessBoundMs()) {
            problems.add("delivery finished " + (deliveredAtMs[0] - input.healAtMs()) + " ms after the heal");
        }
        return new CheckResult(name(), problems.size(), input.probes(), problems);
    }

    static List<String> drained(PutIndex index) {
        List<String> out = new ArrayList<>();
        for (PutIndex.Put p : index.puts().values()) {
            if (!p.drainReads.isEmpty()) {
                out.add(p.invoke.value());
            }
        }
        return out;
    }
}
