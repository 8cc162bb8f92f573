package io.gantry.simulation.harness.cluster;

import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.PutIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code duplicated} for clusters: values stored at more than one (broker, queue, offset), as the
 * drain found them, plus values a consumer group was handed more than once. Counted, not a violation:
 * at-least-once delivery allows both.
 */
final class DrainDuplicatedChecker implements Checker {

    private final boolean broadcasting;

    /** @param broadcasting every consumer gets every message, so only repeats to one consumer count */
    DrainDuplicatedChecker(boolean broadcasting) {
        this.broadcasting = broadcasting;
    }

    @Override
    public String name() {
        return "duplicated";
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        long count = 0;
        List<String> examples = new ArrayList<>();
        for (PutIndex.Put p : index.puts().values()) {
            long stored = p.drainReads.stream().map(r -> r.topic() + "/" + r.queue() + "@" + r.queueOffset())
                    .distinct().count();
            java.util.Map<String, Long> perConsumer = new java.util.TreeMap<>();
            p.reads.stream().filter(r -> !"drain".equals(r.process()))
                    .forEach(r -> perConsumer.merge(r.process(), 1L, Long::sum));
            long delivered = broadcasting ? perConsumer.values().stream().mapToLong(Long::longValue).max().orElse(0)
                    : perConsumer.values().stream().mapToLong(Long::longValue).sum();
            if (stored > 1) {
                count++;
                examples.add(p.invoke.value() + " stored at " + stored + " places");
            } else if (delivered > 1) {
                count++;
                examples.add(p.invoke.value() + " delivered " + delivered + " times");
            }
        }
        return CheckResult.counted(name(), count, examples);
    }
}
