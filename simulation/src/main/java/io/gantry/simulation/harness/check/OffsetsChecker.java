package io.gantry.simulation.harness.check;

import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.Guarantees;
import io.gantry.simulation.harness.HistoryEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code offsets}: one (topic, queue, queueOffset) never names two different messages over the whole
 * run, whether the name came from a put's acknowledgement or from a read; and the final drain reads
 * each queue's offsets contiguously (no holes). Claims are tracked as entries arrive (a cheap check
 * after every event); at the end a reused offset is forgiven only if its first owner's loss was
 * allowed (never under the durable-read rule, where a read message can not be rolled back) or a bit
 * flip at rest struck first (the same goes for a hole the drain finds).
 */
public final class OffsetsChecker implements Checker {

    private record Claim(HistoryEntry first, HistoryEntry second) {
    }

    private final Map<String, HistoryEntry> owners = new HashMap<>();
    private final List<Claim> conflicts = new ArrayList<>();
    private final List<HistoryEntry> holes = new ArrayList<>();
    private final Map<String, Long> lastDrained = new HashMap<>();
    private long bitFlipAt = Long.MAX_VALUE;
    /** History positions of permanent disk losses: offsets start over on the new disk. */
    private final List<Long> diskLosses = new ArrayList<>();

    @Override
    public String name() {
        return "offsets";
    }

    @Override
    public void observe(HistoryEntry e) {
        if (e.type() == HistoryEntry.Type.FAULT && "bit-flip".equals(e.op())) {
            bitFlipAt = Math.min(bitFlipAt, e.index());
        }
        if (e.type() == HistoryEntry.Type.FAULT && FaultKind.DISK_LOSS.label().equals(e.op())) {
            diskLosses.add(e.index());
        }
        if (e.type() == HistoryEntry.Type.READ && "drain".equals(e.process()) && e.queueOffset() >= 0) {
            String queue = e.topic() + "/" + e.queue();
            Long last = lastDrained.put(queue, e.queueOffset());
            if (last != null && e.queueOffset() != last + 1) {
                holes.add(e);
            }
        }
        boolean claim = (e.type() == HistoryEntry.Type.READ && e.value() != null)
                || (e.type() == HistoryEntry.Type.OK && "put".equals(e.op()));
        if (!claim || e.queueOffset() < 0) {
            return;
        }
        String key = e.topic() + "/" + e.queue() + "@" + e.queueOffset();
        HistoryEntry prior = owners.putIfAbsent(key, e);
        if (prior != null && !prior.value().equals(e.value())) {
            conflicts.add(new Claim(prior, e));
            owners.put(key, e);
        }
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        long violations = 0;
        List<String> examples = new ArrayList<>();
        for (HistoryEntry hole : holes) {
            // A record damaged by a bit flip is skipped by the store: the hole is the detection.
            if (hole.index() < bitFlipAt) {
                violations++;
                examples.add(hole.topic() + "/" + hole.queue() + ": the drain skipped to " + hole.queueOffset());
            }
        }
        for (Claim c : conflicts) {
            if (forgiven(c, input, index)) {
                continue;
            }
            violations++;
            examples.add(c.first().topic() + "/" + c.first().queue() + "@" + c.first().queueOffset() + " named "
                    + c.first().value() + " (" + c.first().type() + " at " + c.first().timeMs() + " ms) then "
                    + c.second().value() + " (" + c.second().type() + " at " + c.second().timeMs() + " ms)");
        }
        return new CheckResult(name(), violations, conflicts.size() + holes.size(), examples);
    }

    private boolean forgiven(Claim c, CheckInput input, PutIndex index) {
        if (c.second().index() > bitFlipAt) {
            return true;
        }
        for (long loss : diskLosses) {
            if (loss > c.first().index() && loss < c.second().index()) {
                // The first message went with the disk (the table allows it); its offset was reused.
                return true;
            }
        }
        if (input.readImpliesDurable() && c.first().type() == HistoryEntry.Type.READ) {
            return false;
        }
        PutIndex.Put owner = index.get(c.first().value());
        if (owner == null || !owner.acked()) {
            return true;
        }
        Guarantees.AckStatus status = Losses.ackStatus(owner.completion.status());
        return status == null || Guarantees.mayLose(input.flushDiskType(), status,
                index.classesAfter(owner.completion.index()));
    }
}
