package io.gantry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.simulation.toy.EchoScenario;
import io.gantry.simulation.toy.EchoRunResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gantry sim}: runs the deterministic simulation for a range of seeds, or replays one.
 *
 * <p>For now the scenario is the foundation's two-node echo toy (see
 * {@link io.gantry.simulation.toy}); the broker scenarios replace it when they land. Exit codes:
 * 0 all seeds valid, 1 some seed violated an invariant, 2 bad arguments.
 */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = "Run the deterministic simulation for N seeds, or replay one seed.",
        footer = {
            "",
            "Examples:",
            "  gantry sim --seeds 20            seeds 0..19",
            "  gantry sim --seeds 5 --from 100  seeds 100..104",
            "  gantry sim --seed 7              replay seed 7 (same trace hash every time)",
        })
final class SimCommand implements Callable<Integer> {

    static final int MAX_SEEDS = 1_000_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", description = "How many seeds to run, 1 to 1000000. Default 1.")
    Integer seeds;

    @Option(names = "--from", paramLabel = "S", description = "First seed of the range. Default 0.")
    Long from;

    @Option(names = "--seed", paramLabel = "S", description = "Replay exactly this seed.")
    Long seed;

    @Option(names = "--json", description = "Print one JSON object per seed instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long first;
        int count;
        if (seed != null) {
            if (seeds != null || from != null) {
                throw usage("--seed replays one seed and cannot be combined with --seeds or --from");
            }
            first = seed;
            count = 1;
        } else {
            count = seeds == null ? 1 : seeds;
            if (count < 1 || count > MAX_SEEDS) {
                throw usage("--seeds must be between 1 and " + MAX_SEEDS + ", got " + count);
            }
            first = from == null ? 0 : from;
            if (first > Long.MAX_VALUE - count + 1) {
                throw usage("--from " + first + " plus --seeds " + count + " overflows the seed range");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        long totalSimulatedMs = 0;
        long totalWallMs = 0;
        long totalEvents = 0;
        int invalid = 0;
        for (int i = 0; i < count; i++) {
            EchoRunResult result = EchoScenario.run(first + i);
            totalSimulatedMs += result.simulatedMs();
            totalWallMs += result.wallMs();
            totalEvents += result.events();
            if (!result.valid()) {
                invalid++;
            }
            if (json) {
                out.println(mapper.writeValueAsString(toJson(result)));
            } else {
                out.printf("seed %d  %s  simulated %d ms  wall %d ms  events %d  trace %s  sent %d echoed %d%n",
                        result.seed(), result.valid() ? "ok" : "INVALID", result.simulatedMs(), result.wallMs(),
                        result.events(), result.traceHashHex(), result.sent(), result.echoed());
                if (!result.valid()) {
                    out.printf("  repro: ./gantry sim --seed %d%n", result.seed());
                }
            }
            out.flush();
        }
        if (!json) {
            double ratio = totalWallMs == 0 ? 0 : (double) totalSimulatedMs / totalWallMs;
            out.printf("total: %d seeds, %d invalid, simulated %d ms, wall %d ms (%.0fx real time), events %d%n",
                    count, invalid, totalSimulatedMs, totalWallMs, ratio, totalEvents);
        }
        return invalid == 0 ? 0 : 1;
    }

    private static Map<String, Object> toJson(EchoRunResult result) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seed", result.seed());
        row.put("scenario", "echo");
        row.put("valid", result.valid());
        row.put("traceHash", result.traceHashHex());
        row.put("simulatedMs", result.simulatedMs());
        row.put("wallMs", result.wallMs());
        row.put("events", result.events());
        row.put("sent", result.sent());
        row.put("echoed", result.echoed());
        row.put("orderViolations", result.orderViolations());
        row.put("echoedAfterHeal", result.echoedAfterHeal());
        row.put("faults", result.faults());
        return row;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
