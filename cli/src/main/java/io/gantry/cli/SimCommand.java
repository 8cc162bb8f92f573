package io.gantry.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.simulation.harness.FaultSchedule;
import io.gantry.simulation.harness.RunGuard;
import io.gantry.simulation.harness.RunResult;
import io.gantry.simulation.harness.Scenario;
import io.gantry.simulation.harness.ScenarioCatalog;
import io.gantry.simulation.harness.ScheduleShrinker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gantry sim}: runs the simulation harness's scenarios for a range of seeds (in parallel with
 * {@code --jobs}), replays one seed or a schedule file, writes a run's artifacts, and shrinks a
 * failing run's schedule. Exit codes: 0 every run valid, 1 some run violated a guarantee, 2 bad
 * arguments.
 */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = "Run the deterministic simulation harness for N seeds, or replay one seed or schedule.",
        footer = {
            "",
            "Scenarios (--scenario all runs store-sync, store-async and echo):",
            "  store-sync            one store, SYNC_FLUSH, crashes, power loss, disk faults",
            "  store-async           one store, ASYNC_FLUSH, same faults (power loss may lose acked puts)",
            "  echo                  the foundation's two-node echo toy",
            "  store-sync-early-ack  BROKEN ON PURPOSE (acks before the force), to see lost and --shrink work",
            "",
            "Examples:",
            "  gantry sim --seeds 200 --jobs 2                 seeds 0..199 of every scenario",
            "  gantry sim --seeds 5 --from 100 --json          one JSON object per run",
            "  gantry sim --seed 7 --scenario store-sync --out run7   replay and write history/faults/results",
            "  gantry sim --seed 3 --scenario store-sync-early-ack --shrink --out s3",
            "  gantry sim --schedule s3/shrunk-schedule.jsonl  replay a (shrunk) schedule",
        })
final class SimCommand implements Callable<Integer> {

    static final int MAX_SEEDS = 1_000_000;
    static final int MAX_JOBS = 256;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", description = "How many seeds to run, 1 to 1000000. Default 1.")
    Integer seeds;

    @Option(names = "--from", paramLabel = "S", description = "First seed of the range. Default 0.")
    Long from;

    @Option(names = "--seed", paramLabel = "S", description = "Replay exactly this seed.")
    Long seed;

    @Option(names = "--scenario", paramLabel = "NAME", description = "A scenario name, or all (the default).")
    String scenario = "all";

    @Option(names = "--jobs", paramLabel = "K", description = "Runs in parallel, one simulation per thread. Default 1.")
    int jobs = 1;

    @Option(names = "--json", description = "Print one JSON object per run instead of text (summary on stderr).")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "With --seed or --schedule: write history.jsonl, "
            + "faults.jsonl, results.json and schedule.jsonl there.")
    Path out;

    @Option(names = "--schedule", paramLabel = "FILE", description = "Replay this schedule file (it names its scenario and seed).")
    Path schedule;

    @Option(names = "--shrink", description = "With --seed or --schedule: if the run fails, minimise its schedule "
            + "while the same checker fails, and write shrunk-schedule.jsonl.")
    boolean shrink;

    @Option(names = "--shrink-attempts", paramLabel = "N", description = "Most runs the shrinker may try. Default 200.")
    int shrinkAttempts = 200;

    @Option(names = "--max-wall-ms", paramLabel = "MS", description = "Real-time budget per run (0: none); a run "
            + "past it fails the budget checker instead of hanging the sweep. Each run also has a deterministic "
            + "step budget. Default 600000.")
    long maxWallMs = 600_000;

    @Option(names = "--progress", negatable = true, description = "Draw a progress bar on stderr during a sweep "
            + "(default: only when the console is a terminal). Never written to stdout.")
    Boolean progress;

    @Option(names = "--list", description = "List the scenarios and exit.")
    boolean list;

    @Option(names = "--verbose", description = "Show the simulated nodes' warnings and errors on stderr.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Logger nodes = (Logger) LoggerFactory.getLogger("io.gantry");
        Level before = nodes.getLevel();
        if (!verbose) {
            // Simulated nodes log every injected fault; the harness reports what matters.
            nodes.setLevel(Level.OFF);
        }
        try {
            return execute();
        } finally {
            nodes.setLevel(before);
        }
    }

    private Integer execute() throws Exception {
        if (list) {
            PrintWriter o = spec.commandLine().getOut();
            for (String name : ScenarioCatalog.names()) {
                o.printf("%-22s %s%s%n", name, ScenarioCatalog.get(name).description(),
                        ScenarioCatalog.all().contains(name) ? "" : " (not in all)");
            }
            o.flush();
            return 0;
        }
        if (maxWallMs < 0) {
            throw usage("--max-wall-ms must be >= 0, got " + maxWallMs);
        }
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw usage("--jobs must be between 1 and " + MAX_JOBS + ", got " + jobs);
        }
        if (schedule != null) {
            if (seed != null || seeds != null || from != null) {
                throw usage("--schedule replays one schedule and cannot be combined with --seed, --seeds or --from");
            }
            return replaySchedule();
        }
        List<Scenario> scenarios = scenarios();
        long first;
        int count;
        if (seed != null) {
            if (seeds != null || from != null) {
                throw usage("--seed replays one seed and cannot be combined with --seeds or --from");
            }
            first = seed;
            count = 1;
        } else {
            if (out != null || shrink) {
                throw usage("--out and --shrink need one run: use --seed S (or --schedule FILE)");
            }
            count = seeds == null ? 1 : seeds;
            if (count < 1 || count > MAX_SEEDS) {
                throw usage("--seeds must be between 1 and " + MAX_SEEDS + ", got " + count);
            }
            first = from == null ? 0 : from;
            if (first > Long.MAX_VALUE - count + 1) {
                throw usage("--from " + first + " plus --seeds " + count + " overflows the seed range");
            }
        }
        List<SimSweep.Job> work = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (Scenario s : scenarios) {
                long runSeed = first + i;
                work.add(new SimSweep.Job(s.name(), runSeed, () -> RunGuard.run(s, runSeed, null, maxWallMs)));
            }
        }
        return sweepAndReport(work, count);
    }

    private Integer replaySchedule() throws Exception {
        FaultSchedule loaded;
        try {
            loaded = FaultSchedule.read(schedule);
        } catch (IOException | RuntimeException e) {
            throw usage("cannot read schedule " + schedule + ": " + e.getMessage());
        }
        if (!"all".equals(scenario) && !scenario.equals(loaded.scenario())) {
            throw usage("the schedule is for " + loaded.scenario() + ", not " + scenario);
        }
        Scenario s = lookup(loaded.scenario());
        if (!s.supportsSchedules()) {
            throw usage(s.name() + " cannot replay a schedule");
        }
        return sweepAndReport(List.of(new SimSweep.Job(s.name(), loaded.seed(), () -> RunGuard.run(s, loaded.seed(), loaded, maxWallMs))), 1);
    }

    private Integer sweepAndReport(List<SimSweep.Job> work, int seedCount) throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ObjectMapper mapper = new ObjectMapper();
        SimSummary summary = new SimSummary();
        boolean single = work.size() == 1 || seed != null || schedule != null;
        List<RunResult> failed = new ArrayList<>();
        List<RunResult> all = new ArrayList<>();
        long wallStart = System.nanoTime();
        SimProgress bar = !single && showProgress() ? new SimProgress(stderr, work.size()) : null;
        SimSweep.run(work, jobs, result -> {
            summary.add(result);
            if (single) {
                all.add(result);
            }
            if (!result.valid()) {
                // A sweep keeps only what the repro lines need, not every run's history.
                failed.add(single ? result : result.withoutHistory());
            }
            if (bar != null) {
                bar.clear();
            }
            try {
                if (json) {
                    stdout.println(mapper.writeValueAsString(result.toJson()));
                } else {
                    stdout.println(SimSummary.line(result));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            stdout.flush();
            if (bar != null) {
                bar.advance(result.valid());
            }
        });
        if (bar != null) {
            bar.finish();
        }
        long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
        PrintWriter summaryOut = json ? stderr : stdout;
        summary.print(summaryOut, seedCount, wallMs);
        for (RunResult r : failed) {
            summaryOut.println("  repro: " + repro(r) + "   # failed: " + String.join(", ", r.failedCheckers()));
        }
        summaryOut.flush();
        if (single && out != null) {
            for (RunResult r : all) {
                Path dir = all.size() == 1 ? out : out.resolve(r.scenario());
                r.writeArtifacts(dir);
                summaryOut.println("wrote " + dir.resolve("history.jsonl") + ", faults.jsonl, results.json");
            }
        }
        if (single && shrink) {
            for (RunResult r : failed) {
                shrink(r, summaryOut);
            }
        }
        summaryOut.flush();
        return failed.isEmpty() ? 0 : 1;
    }

    private void shrink(RunResult failing, PrintWriter to) throws IOException {
        Scenario s = lookup(failing.scenario());
        if (!s.supportsSchedules() || failing.schedule() == null) {
            to.println("cannot shrink " + failing.scenario() + ": it has no schedule");
            return;
        }
        String checker = failing.failedCheckers().get(0);
        to.printf("shrinking %s seed %d (%d faults, checker %s)...%n", failing.scenario(), failing.seed(),
                failing.schedule().events().size(), checker);
        to.flush();
        ScheduleShrinker.Shrunk shrunk = new ScheduleShrinker(s, checker, shrinkAttempts, null)
                .shrink(failing.schedule());
        Path dir = out == null ? Path.of(".") : out;
        Files.createDirectories(dir);
        Path file = dir.resolve("shrunk-schedule.jsonl");
        shrunk.schedule().write(file);
        to.printf("shrunk in %d runs: %d -> %d faults, %d -> %d ops; %s still fails; trace %s%n", shrunk.attempts(),
                failing.schedule().events().size(), shrunk.schedule().events().size(), workloadOps(failing),
                workloadOps(shrunk.result()), checker, shrunk.result().traceHashHex());
        to.println("  replay: ./gantry sim --schedule " + file);
    }

    /** {@code --progress} / {@code --no-progress}, else on when the console is a terminal (stderr usually is then). */
    private boolean showProgress() {
        return progress != null ? progress : System.console() != null;
    }

    /** Workload operations the run invoked (the history's producer invokes), or its schedule's budget. */
    private static long workloadOps(RunResult r) {
        if (r.history() == null) {
            return r.schedule().operationBudget();
        }
        return r.history().entries().stream().filter(e -> e.type() == io.gantry.simulation.harness.HistoryEntry.Type.INVOKE
                && e.process().startsWith("producer")).count();
    }

    private static String repro(RunResult r) {
        return "./gantry sim --seed " + r.seed() + " --scenario " + r.scenario();
    }

    private List<Scenario> scenarios() {
        if ("all".equals(scenario)) {
            return ScenarioCatalog.all().stream().map(ScenarioCatalog::get).toList();
        }
        return List.of(lookup(scenario));
    }

    private Scenario lookup(String name) {
        try {
            return ScenarioCatalog.get(name);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
