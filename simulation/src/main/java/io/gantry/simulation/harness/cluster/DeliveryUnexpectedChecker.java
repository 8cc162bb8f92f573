package io.gantry.simulation.harness.cluster;

import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.PutIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unexpected} for clusters: a delivery (to a consumer or the drain) of a value never sent, of
 * a send that certainly failed, with a different body or user properties, or (first delivery from
 * the original topic) at a broker, queue or queue offset other than the acknowledgement named.
 */
final class DeliveryUnexpectedChecker implements Checker {

    @Override
    public String name() {
        return "unexpected";
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        long violations = 0;
        List<String> examples = new ArrayList<>();
        for (HistoryEntry e : input.history().entries()) {
            if (e.type() != HistoryEntry.Type.READ) {
                continue;
            }
            String problem = problem(e, index);
            if (problem != null) {
                violations++;
                examples.add(problem);
            }
        }
        return new CheckResult(name(), violations, violations, examples);
    }

    private static String problem(HistoryEntry read, PutIndex index) {
        String where = read.process() + " got " + read.value() + " at " + read.topic() + "/" + read.queue() + "@"
                + read.queueOffset() + " at " + read.timeMs() + " ms";
        PutIndex.Put p = index.get(read.value());
        if (p == null) {
            return "never sent: " + where;
        }
        if (p.failed()) {
            return "its send failed (" + p.completion.status() + "): " + where;
        }
        if (p.invoke.contentHash() != read.contentHash()) {
            return "different body or properties: " + where;
        }
        boolean original = read.topic().startsWith(p.invoke.topic() + "@");
        if (p.acked() && original && (!p.completion.topic().equals(read.topic()) || p.completion.queue() != read.queue()
                || p.completion.queueOffset() != read.queueOffset())) {
            // The producer may have stored it twice (a retry after a timeout is never made, so this is a real bug).
            return "not where its ack said (" + p.completion.topic() + "/" + p.completion.queue() + "@"
                    + p.completion.queueOffset() + "): " + where;
        }
        return null;
    }
}
