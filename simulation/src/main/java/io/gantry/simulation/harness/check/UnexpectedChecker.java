package io.gantry.simulation.harness.check;

import io.gantry.simulation.harness.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unexpected}: a read of a value never put, of a put that certainly failed, or whose body or
 * properties differ from what was put (content hash). A record the reader could not decode (its CRC
 * or layout broken) is a violation too, unless a bit flip at rest was injected before it: then the
 * reader refusing it is the detection the contract asks for, counted in the examples only.
 */
public final class UnexpectedChecker implements Checker {

    @Override
    public String name() {
        return "unexpected";
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        long violations = 0;
        List<String> examples = new ArrayList<>();
        long bitFlipAt = Long.MAX_VALUE;
        for (HistoryEntry e : input.history().entries()) {
            if (e.type() == HistoryEntry.Type.FAULT && "bit-flip".equals(e.op())) {
                bitFlipAt = Math.min(bitFlipAt, e.index());
            }
            if (e.type() != HistoryEntry.Type.READ) {
                continue;
            }
            String problem = problem(e, index, bitFlipAt);
            if (problem != null) {
                violations++;
                examples.add(problem);
            }
        }
        return new CheckResult(name(), violations, violations, examples);
    }

    private static String problem(HistoryEntry read, PutIndex index, long bitFlipAt) {
        String where = read.topic() + "/" + read.queue() + "@" + read.queueOffset() + " at " + read.timeMs() + " ms";
        if ("CORRUPT".equals(read.status())) {
            return read.index() > bitFlipAt ? null : "undecodable record without a bit flip: " + where;
        }
        PutIndex.Put p = index.get(read.value());
        if (p == null) {
            return "read " + read.value() + " never put: " + where;
        }
        if (p.failed()) {
            return "read " + read.value() + " whose put failed (" + p.completion.status() + "): " + where;
        }
        if (p.invoke.contentHash() != read.contentHash()) {
            return "read " + read.value() + " with different body or properties: " + where;
        }
        if (!p.invoke.topic().equals(read.topic()) || p.invoke.queue() != read.queue()) {
            return "read " + read.value() + " in the wrong queue: " + where;
        }
        return null;
    }
}
