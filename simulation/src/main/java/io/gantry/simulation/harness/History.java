package io.gantry.simulation.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything that happened in a run, in order: operations (invoke, then ok / fail / info), reads
 * and faults. Observers (the cheap checkers) see each entry as it is added. Bounded: past
 * {@link #MAX_ENTRIES} the run is cut short rather than growing without limit.
 */
public final class History {

    public static final int MAX_ENTRIES = 2_000_000;

    private final List<HistoryEntry> entries = new ArrayList<>();
    private final List<Consumer<HistoryEntry>> observers = new ArrayList<>();

    public void observe(Consumer<HistoryEntry> observer) {
        observers.add(observer);
    }

    public HistoryEntry add(long timeMs, String process, HistoryEntry.Type type, String op, String value,
                            String topic, int queue, long queueOffset, long physicalOffset, String status,
                            long contentHash, String detail) {
        return add(timeMs, process, type, op, value, topic, queue, queueOffset, physicalOffset, status, contentHash,
                -1, detail);
    }

    public HistoryEntry add(long timeMs, String process, HistoryEntry.Type type, String op, String value,
                            String topic, int queue, long queueOffset, long physicalOffset, String status,
                            long contentHash, int sizeBytes, String detail) {
        if (entries.size() >= MAX_ENTRIES) {
            throw new IllegalStateException("history exceeds " + MAX_ENTRIES + " entries");
        }
        HistoryEntry e = new HistoryEntry(entries.size(), timeMs, process, type, op, value, topic, queue,
                queueOffset, physicalOffset, status, contentHash, sizeBytes, detail);
        entries.add(e);
        for (Consumer<HistoryEntry> o : observers) {
            o.accept(e);
        }
        return e;
    }

    /** A fault the nemesis applied. */
    public HistoryEntry fault(long timeMs, FaultKind kind, String detail) {
        return fault(timeMs, kind, -1, detail);
    }

    /** A fault at a commit-log offset (a bit flip), so checkers can tell which record it hit. */
    public HistoryEntry fault(long timeMs, FaultKind kind, long physicalOffset, String detail) {
        return add(timeMs, "nemesis", HistoryEntry.Type.FAULT, kind.label(), null, null, -1, -1, physicalOffset, null,
                0, detail);
    }

    public List<HistoryEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    public int size() {
        return entries.size();
    }
}
