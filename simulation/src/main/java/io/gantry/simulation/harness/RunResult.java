package io.gantry.simulation.harness;

import io.gantry.simulation.SimulationBudgetExceeded;
import io.gantry.simulation.harness.check.CheckResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one seed of one scenario.
 *
 * @param seed        the seed
 * @param scenario    the scenario name
 * @param traceHash   the world's trace hash (the replay witness)
 * @param simulatedMs virtual time the run covered
 * @param wallMs      real time it took (not part of the trace)
 * @param events      simulator events run
 * @param checks      verdict per checker, in report order
 * @param faults      faults actually applied, counted by kind label
 * @param schedule    the schedule that drove the run (null for scenarios without schedules)
 * @param history     the run's history (null for scenarios that keep none)
 */
public record RunResult(long seed, String scenario, long traceHash, long simulatedMs, long wallMs, long events,
                        Map<String, CheckResult> checks, Map<String, Integer> faults, FaultSchedule schedule,
                        History history) {

    /** The checker name a run that exceeded its step (or wall) budget fails. */
    public static final String BUDGET_CHECKER = "budget";

    /**
     * The result of a run stopped by {@link SimulationBudgetExceeded}: it fails the {@code budget}
     * checker (the other checkers did not run). {@code traceHash} and {@code simulatedMs} are what the
     * world reached, or 0 when the world is not known.
     */
    public static RunResult budgetExceeded(long seed, String scenario, long traceHash, long wallMs,
                                           SimulationBudgetExceeded e, Map<String, Integer> faults,
                                           FaultSchedule schedule, History history) {
        Map<String, CheckResult> checks = new LinkedHashMap<>();
        checks.put(BUDGET_CHECKER, new CheckResult(BUDGET_CHECKER, 1, e.steps(),
                List.of(e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage())));
        return new RunResult(seed, scenario, traceHash, e.virtualMs(), wallMs, e.steps(), checks,
                faults == null ? Map.of() : faults, schedule, history);
    }

    /** The same result without its history (a sweep keeps failing runs for the summary, not their histories). */
    public RunResult withoutHistory() {
        return new RunResult(seed, scenario, traceHash, simulatedMs, wallMs, events, checks, faults, schedule, null);
    }

    public boolean valid() {
        return checks.values().stream().allMatch(CheckResult::ok);
    }

    public String traceHashHex() {
        return String.format("%016x", traceHash);
    }

    /** Names of the checkers that found violations. */
    public List<String> failedCheckers() {
        List<String> out = new ArrayList<>();
        checks.forEach((name, r) -> {
            if (!r.ok()) {
                out.add(name);
            }
        });
        return out;
    }

    public long count(String checker) {
        CheckResult r = checks.get(checker);
        return r == null ? 0 : r.count();
    }

    /** The one-object-per-seed form printed by {@code --json} and written as results.json. */
    public Map<String, Object> toJson() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seed", seed);
        row.put("scenario", scenario);
        row.put("valid", valid());
        row.put("traceHash", traceHashHex());
        row.put("simulatedMs", simulatedMs);
        row.put("wallMs", wallMs);
        row.put("events", events);
        Map<String, Object> violations = new LinkedHashMap<>();
        Map<String, Object> counts = new LinkedHashMap<>();
        checks.forEach((name, r) -> {
            violations.put(name, r.violations());
            counts.put(name, r.count());
        });
        row.put("violations", violations);
        row.put("counts", counts);
        row.put("faults", new LinkedHashMap<>(faults));
        if (history != null) {
            row.put("operations", history.size());
        }
        return row;
    }

    /** Writes history.jsonl, faults.jsonl and results.json (with examples) into {@code dir}. */
    public void writeArtifacts(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder h = new StringBuilder();
        StringBuilder f = new StringBuilder();
        if (history != null) {
            for (HistoryEntry e : history.entries()) {
                String line = FlatJson.write(e.toJson());
                h.append(line).append('\n');
                if (e.type() == HistoryEntry.Type.FAULT) {
                    f.append(line).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("history.jsonl"), h.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("faults.jsonl"), f.toString(), StandardCharsets.UTF_8);
        Map<String, Object> results = toJson();
        Map<String, Object> examples = new LinkedHashMap<>();
        checks.forEach((name, r) -> {
            Map<String, Object> ex = new LinkedHashMap<>();
            for (int i = 0; i < r.examples().size(); i++) {
                ex.put(Integer.toString(i), r.examples().get(i));
            }
            examples.put(name, ex);
        });
        results.put("examples", examples);
        Files.writeString(dir.resolve("results.json"), FlatJson.write(results) + "\n", StandardCharsets.UTF_8);
        if (schedule != null) {
            schedule.write(dir.resolve("schedule.jsonl"));
        }
    }
}
