package io.gantry.simulation.harness.check;

import io.gantry.simulation.harness.FaultClass;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A history folded per put value: its invoke, its completion, and where the final drain found it;
 * plus the contract-relevant faults in order, so "which fault classes struck after this ack" is a
 * lookup. Built once at the end of a run and shared by the checkers.
 */
public final class PutIndex {

    /** One put. {@code completion} is null while in flight at the end (treated as indeterminate). */
    public static final class Put {
        public final HistoryEntry invoke;
        public HistoryEntry completion;
        public final List<HistoryEntry> drainReads = new ArrayList<>();
        public final List<HistoryEntry> reads = new ArrayList<>();

        Put(HistoryEntry invoke) {
            this.invoke = invoke;
        }

        public boolean acked() {
            return completion != null && completion.type() == HistoryEntry.Type.OK;
        }

        public boolean failed() {
            return completion != null && completion.type() == HistoryEntry.Type.FAIL;
        }

        public boolean indeterminate() {
            return completion == null || completion.type() == HistoryEntry.Type.INFO;
        }
    }

    private final Map<String, Put> puts = new LinkedHashMap<>();
    private final List<HistoryEntry> classFaults = new ArrayList<>();
    private boolean bitFlipHappened;

    public PutIndex(History history) {
        Map<String, Put> byValue = new HashMap<>();
        for (HistoryEntry e : history.entries()) {
            switch (e.type()) {
                case INVOKE -> {
                    if ("put".equals(e.op())) {
                        Put p = new Put(e);
                        byValue.put(e.value(), p);
                        puts.put(e.value(), p);
                    }
                }
                case OK, FAIL, INFO -> {
                    Put p = byValue.get(e.value());
                    if (p != null && "put".equals(e.op()) && p.completion == null) {
                        p.completion = e;
                    }
                }
                case READ -> {
                    Put p = e.value() == null ? null : byValue.get(e.value());
                    if (p != null) {
                        p.reads.add(e);
                        if ("drain".equals(e.process())) {
                            p.drainReads.add(e);
                        }
                    }
                }
                case FAULT -> {
                    FaultClass c = faultClassOf(e);
                    if (c != null) {
                        classFaults.add(e);
                        bitFlipHappened |= c == FaultClass.BIT_FLIP_AT_REST;
                    }
                }
                default -> throw new AssertionError(e.type());
            }
        }
    }

    static FaultClass faultClassOf(HistoryEntry fault) {
        try {
            return FaultKind.fromLabel(fault.op()).faultClass();
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    public Map<String, Put> puts() {
        return puts;
    }

    public Put get(String value) {
        return puts.get(value);
    }

    public boolean bitFlipHappened() {
        return bitFlipHappened;
    }

    /** Contract fault classes recorded after history position {@code index}. */
    public Set<FaultClass> classesAfter(long index) {
        Set<FaultClass> out = EnumSet.noneOf(FaultClass.class);
        for (int i = classFaults.size() - 1; i >= 0 && classFaults.get(i).index() > index; i--) {
            out.add(faultClassOf(classFaults.get(i)));
        }
        return out;
    }
}
