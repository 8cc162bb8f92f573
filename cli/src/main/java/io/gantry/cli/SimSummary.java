package io.gantry.cli;

import io.gantry.simulation.harness.RunResult;
import io.gantry.simulation.harness.check.CheckResult;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals over a sweep: runs, violations per checker, counted outcomes (allowed losses, duplicates,
 * recovered), faults by kind, and simulated time against wall time.
 */
final class SimSummary {

    private final Map<String, Long> violations = new TreeMap<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, Long> faults = new TreeMap<>();
    private final Map<String, long[]> perScenario = new TreeMap<>();
    private int runs;
    private int invalid;
    private long simulatedMs;
    private long runWallMs;
    private long events;

    void add(RunResult r) {
        runs++;
        if (!r.valid()) {
            invalid++;
        }
        simulatedMs += r.simulatedMs();
        runWallMs += r.wallMs();
        events += r.events();
        long[] s = perScenario.computeIfAbsent(r.scenario(), k -> new long[3]);
        s[0]++;
        s[1] += r.simulatedMs();
        s[2] += r.wallMs();
        for (CheckResult c : r.checks().values()) {
            violations.merge(c.name(), c.violations(), Long::sum);
            counts.merge(c.name(), c.count(), Long::sum);
        }
        r.faults().forEach((k, v) -> faults.merge(k, (long) v, Long::sum));
    }

    static String line(RunResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-12s seed %-6d %s  sim %d ms  wall %d ms  events %d  trace %s", r.scenario(),
                r.seed(), r.valid() ? "ok     " : "INVALID", r.simulatedMs(), r.wallMs(), r.events(), r.traceHashHex()));
        for (CheckResult c : r.checks().values()) {
            if (!c.ok()) {
                sb.append("  ").append(c.name()).append('=').append(c.violations());
            }
        }
        long allowed = r.count("allowed-loss");
        if (allowed > 0) {
            sb.append("  allowed-loss=").append(allowed);
        }
        return sb.toString();
    }

    void print(PrintWriter out, int seeds, long sweepWallMs) {
        out.printf("summary: %d seeds, %d runs, %d invalid%n", seeds, runs, invalid);
        out.printf("  violations: %s%n", violations);
        out.printf("  allowed-loss %d, duplicated %d, recovered %d%n", counts.getOrDefault("allowed-loss", 0L),
                counts.getOrDefault("duplicated", 0L), counts.getOrDefault("recovered", 0L));
        out.printf("  faults injected: %s%n", faults);
        double ratio = runWallMs == 0 ? 0 : (double) simulatedMs / runWallMs;
        double perMinute = sweepWallMs == 0 ? 0 : seeds * 60_000.0 / sweepWallMs;
        out.printf("  simulated %d ms in %d ms of run time (%.0fx real time), sweep wall %d ms, %.0f seeds/min,"
                + " %d events%n", simulatedMs, runWallMs, ratio, sweepWallMs, perMinute, events);
        perScenario.forEach((name, s) -> out.printf("  %-22s %d runs, %.0fx real time%n", name, s[0],
                s[2] == 0 ? 0 : (double) s[1] / s[2]));
    }
}
