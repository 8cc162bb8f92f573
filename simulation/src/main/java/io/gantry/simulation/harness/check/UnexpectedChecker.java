package io.gantry.simulation.harness.check;

import io.gantry.simulation.harness.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unexpected}: a read of a value never put, of a put that certainly failed, or whose body or
 * properties differ from what was put (content hash). A record the reader could not decode (its CRC
 * or layout broken) is a violation too, unless a bit flip at rest was injected before it: then the
 * reader refusing it is the detection the contract asks for. A read whose body or properties differ
 * because a bit flip landed inside that very record is counted, not a violation: the record format's
 * CRC covers the body only (RocketMQ's BODYCRC), so a flip in the properties or header fields cannot
 * be detected by any reader. {@code count} = violations + such undetected corruptions.
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
        long undetected = 0;
        List<String> undetectedExamples = new ArrayList<>();
        long bitFlipAt = Long.MAX_VALUE;
        List<HistoryEntry> flips = new ArrayList<>();
        for (HistoryEntry e : input.history().entries()) {
            if (e.type() == HistoryEntry.Type.FAULT && "bit-flip".equals(e.op())) {
                bitFlipAt = Math.min(bitFlipAt, e.index());
                flips.add(e);
            }
            if (e.type() != HistoryEntry.Type.READ) {
                continue;
            }
            String problem = problem(e, index, bitFlipAt);
            if (problem != null && hitByFlip(e, flips)) {
                undetected++;
                undetectedExamples.add("undetected (outside the body CRC): " + problem);
            } else if (problem != null) {
                violations++;
                examples.add(problem);
            }
        }
        examples.addAll(undetectedExamples);
        return new CheckResult(name(), violations, violations + undetected, examples);
    }

    /** True if an earlier bit flip landed inside this read's stored record. */
    private static boolean hitByFlip(HistoryEntry read, List<HistoryEntry> flips) {
        if (read.physicalOffset() < 0 || read.sizeBytes() < 0) {
            return false;
        }
        for (HistoryEntry f : flips) {
            if (f.index() < read.index() && f.physicalOffset() >= read.physicalOffset()
                    && f.physicalOffset() < read.physicalOffset() + read.sizeBytes()) {
                return true;
            }
        }
        return false;
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
