package io.gantry.simulation.harness.cluster;

import io.gantry.simulation.harness.HistoryEntry;
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
        long rolledBack = 0;
        long sentBackThenLost = 0;
        Set<String> excused = sentBackBeforePowerLoss(input);
        List<String> missing = new ArrayList<>();
        Map<String, String> firstOwner = firstOwners(input);
        for (String value : drained(index)) {
            HistoryEntry at = index.get(value).drainReads.get(0);
            if (!value.equals(firstOwner.get(slot(at)))) {
                // Its slot first named another message, lost since (an allowed loss, or offsets reports it):
                // a consumer past that slot never comes back for it. RocketMQ behaves the same.
                rolledBack++;
                continue;
            }
            if (!broadcasting && excused.contains(value)
                    && seenByConsumer.values().stream().noneMatch(s -> s.contains(value))) {
                // Rejected, sent back to the broker as a retry message (an ASYNC_FLUSH write acknowledged from
                // the page cache), and that broker lost power after: the retry copy's loss is allowed, and the
                // group's offset is already past the original.
                sentBackThenLost++;
                continue;
            }
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
        if (rolledBack > 0) {
            problems.add(rolledBack + " stored messages at reused offsets (after a rollback) not required");
        }
        if (sentBackThenLost > 0) {
            problems.add(sentBackThenLost + " rejected messages whose retry copy a later power loss may have taken, not required");
        }
        long violations = problems.size() - (rolledBack > 0 ? 1 : 0) - (sentBackThenLost > 0 ? 1 : 0);
        return new CheckResult(name(), violations, input.probes(), problems);
    }

    /**
     * Under ASYNC_FLUSH, values a consumer answered RECONSUME_LATER for, whose broker then lost power
     * (the retry copy sent back lived in the page cache). Empty under SYNC_FLUSH.
     */
    private static Set<String> sentBackBeforePowerLoss(CheckInput input) {
        Set<String> out = new java.util.HashSet<>();
        if (input.flushDiskType() != io.gantry.store.FlushDiskType.ASYNC_FLUSH) {
            return out;
        }
        Map<String, List<String>> rejectedByBroker = new java.util.HashMap<>();
        for (HistoryEntry e : input.history().entries()) {
            if (e.type() == HistoryEntry.Type.READ && "RECONSUME_LATER".equals(e.status()) && e.value() != null) {
                rejectedByBroker.computeIfAbsent(ClusterLosses.brokerOf(e), k -> new ArrayList<>()).add(e.value());
            } else if (e.type() == HistoryEntry.Type.FAULT && "power-loss".equals(e.op()) && e.value() != null) {
                List<String> rejected = rejectedByBroker.remove(e.value());
                if (rejected != null) {
                    out.addAll(rejected);
                }
            }
        }
        return out;
    }

    /** The first value each (topic@broker, queue, offset) slot was named with, by an ack or a delivery. */
    private static Map<String, String> firstOwners(CheckInput input) {
        Map<String, String> owners = new java.util.HashMap<>();
        for (HistoryEntry e : input.history().entries()) {
            boolean claim = (e.type() == HistoryEntry.Type.READ && e.value() != null)
                    || (e.type() == HistoryEntry.Type.OK && "put".equals(e.op()));
            if (claim && e.queueOffset() >= 0) {
                owners.putIfAbsent(slot(e), e.value());
            }
        }
        return owners;
    }

    private static String slot(HistoryEntry e) {
        return e.topic() + "/" + e.queue() + "@" + e.queueOffset();
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
