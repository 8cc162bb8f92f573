package io.gantry.simulation.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Minimises a failing run's {@link FaultSchedule} while the same checker still fails: drops chunks of
 * fault events (halves, then quarters, down to single events), shortens the survivors' durations,
 * lowers the cap on workload operations and, where the scenario supports it, drops chunks of
 * workload operations ({@link FaultSchedule#droppedOps()}). Every attempt is a full deterministic run, so the
 * result replays exactly with {@code --schedule FILE}. Bounded by {@code maxAttempts}.
 */
public final class ScheduleShrinker {

    /** The result: the smallest failing schedule found, its run, and how many runs it took. */
    public record Shrunk(FaultSchedule schedule, RunResult result, int attempts) {
    }

    /** Operation chunks go down to 1/this of the cap (bounded attempts, not 1-minimality). */
    static final int SMALLEST_OP_CHUNK_FRACTION = 64;

    private final Scenario scenario;
    private final String checker;
    private final int maxAttempts;
    private final Consumer<String> progress;
    private int attempts;

    /**
     * @param checker the checker that must keep failing (e.g. {@code lost})
     */
    public ScheduleShrinker(Scenario scenario, String checker, int maxAttempts, Consumer<String> progress) {
        if (!scenario.supportsSchedules()) {
            throw new IllegalArgumentException(scenario.name() + " has no schedule to shrink");
        }
        if (maxAttempts < 1 || maxAttempts > 100_000) {
            throw new IllegalArgumentException("maxAttempts out of [1, 100000]: " + maxAttempts);
        }
        this.scenario = scenario;
        this.checker = checker;
        this.maxAttempts = maxAttempts;
        this.progress = progress;
    }

    public Shrunk shrink(FaultSchedule failing) {
        RunResult best = scenario.run(failing);
        attempts = 1;
        if (!fails(best)) {
            throw new IllegalArgumentException("the schedule does not fail " + checker + " to begin with");
        }
        FaultSchedule current = failing;
        long workloadOps = best.history() == null ? failing.maxOps()
                : best.history().entries().stream().filter(e -> e.type() == HistoryEntry.Type.INVOKE
                        && e.process().startsWith("producer")).count();
        if (workloadOps < current.maxOps()) {
            current = current.withMaxOps((int) workloadOps);
        }
        boolean improved = true;
        while (improved && attempts < maxAttempts) {
            improved = false;
            // Drop chunks of events, from big chunks to single ones.
            for (int chunk = Math.max(1, current.events().size() / 2); chunk >= 1 && attempts < maxAttempts;
                    chunk = chunk / 2) {
                for (int start = 0; start + 1 <= current.events().size() && attempts < maxAttempts; ) {
                    List<FaultEvent> fewer = new ArrayList<>(current.events());
                    fewer.subList(start, Math.min(fewer.size(), start + chunk)).clear();
                    RunResult r = tryRun(current.withEvents(fewer));
                    if (r != null) {
                        current = r.schedule();
                        best = r;
                        improved = true;
                    } else {
                        start += chunk;
                    }
                }
                if (chunk == 1) {
                    break;
                }
            }
            // Shorten durations.
            for (int i = 0; i < current.events().size() && attempts < maxAttempts; i++) {
                FaultEvent e = current.events().get(i);
                if (e.durationMs() == 0) {
                    continue;
                }
                List<FaultEvent> shorter = new ArrayList<>(current.events());
                shorter.set(i, e.withDurationMs(e.durationMs() / 2));
                RunResult r = tryRun(current.withEvents(shorter));
                if (r != null) {
                    current = r.schedule();
                    best = r;
                    improved = true;
                }
            }
            // Fewer workload operations: a lower cap, then chunks dropped from the middle.
            for (int ops = current.maxOps() / 2; ops >= 1 && attempts < maxAttempts; ops = ops / 2) {
                RunResult r = tryRun(current.withMaxOps(ops));
                if (r == null) {
                    break;
                }
                current = r.schedule();
                best = r;
                improved = true;
            }
            if (scenario.supportsDroppingOps()) {
                RunResult r = dropOperations(current);
                if (r != null) {
                    current = r.schedule();
                    best = r;
                    improved = true;
                }
            }
        }
        return new Shrunk(current, best, attempts);
    }

    /**
     * Drops chunks of workload operations (halves of the cap down to {@link #SMALLEST_OP_CHUNK_FRACTION}
     * of it) while the checker still fails. Returns the last failing run, or null if nothing dropped.
     */
    private RunResult dropOperations(FaultSchedule start) {
        FaultSchedule current = start;
        RunResult last = null;
        int n = current.maxOps();
        int smallest = Math.max(1, n / SMALLEST_OP_CHUNK_FRACTION);
        for (int chunk = Math.max(1, n / 2); chunk >= smallest && attempts < maxAttempts; chunk = chunk / 2) {
            for (int first = 1; first <= n && attempts < maxAttempts; first += chunk) {
                int end = Math.min(n, first + chunk - 1);
                if (allDropped(current.droppedOps(), first, end)) {
                    continue;
                }
                RunResult r = tryRun(current.withDroppedOps(current.droppedOps().plus(first, end)));
                if (r != null) {
                    current = r.schedule();
                    last = r;
                }
            }
            if (chunk == 1) {
                break;
            }
        }
        return last;
    }

    private static boolean allDropped(OpSet dropped, int first, int last) {
        for (int op = first; op <= last; op++) {
            if (!dropped.contains(op)) {
                return false;
            }
        }
        return true;
    }

    private RunResult tryRun(FaultSchedule candidate) {
        attempts++;
        RunResult r = scenario.run(candidate);
        boolean still = fails(r);
        if (still && progress != null) {
            progress.accept("shrunk to " + candidate.events().size() + " faults, " + candidate.operationBudget()
                    + " ops (attempt " + attempts + ")");
        }
        return still ? r : null;
    }

    private boolean fails(RunResult r) {
        return r.failedCheckers().contains(checker);
    }
}
