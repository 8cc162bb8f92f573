package io.gantry.simulation.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One timed fault of a {@link FaultSchedule}.
 *
 * @param atMs        virtual time (from the start of the run) the fault begins
 * @param kind        what it does
 * @param durationMs  how long it lasts (restart delay for crashes); 0 for instantaneous faults
 * @param arg         a kind-specific argument (see {@link FaultKind}); drawn from the seed
 */
public record FaultEvent(long atMs, FaultKind kind, long durationMs, long arg) {

    /** Longest fault, so a schedule file cannot stall a run. */
    public static final long MAX_DURATION_MS = 60_000;

    public FaultEvent {
        if (atMs < 0 || atMs > 24L * 3600 * 1000) {
            throw new IllegalArgumentException("atMs out of range: " + atMs);
        }
        if (durationMs < 0 || durationMs > MAX_DURATION_MS) {
            throw new IllegalArgumentException("durationMs out of [0, " + MAX_DURATION_MS + "]: " + durationMs);
        }
        java.util.Objects.requireNonNull(kind, "kind");
    }

    public FaultEvent withDurationMs(long ms) {
        return new FaultEvent(atMs, kind, ms, arg);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("atMs", atMs);
        m.put("kind", kind.label());
        m.put("durationMs", durationMs);
        m.put("arg", arg);
        return m;
    }

    static FaultEvent fromJson(Map<String, String> m) {
        return new FaultEvent(Long.parseLong(m.get("atMs")), FaultKind.fromLabel(m.get("kind")),
                Long.parseLong(m.get("durationMs")), Long.parseLong(m.get("arg")));
    }
}
