package io.gantry.simulation.harness;

import io.gantry.simulation.TraceHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A run's faults and workload size as data: the scenario, the seed (which still drives the workload
 * and the world's own randomness), the cap on workload operations, the fault phase length and the
 * timed fault events. Drawn swarm-style from the seed ({@link #draw}): each seed enables a subset of
 * the scenario's fault kinds, each at its own rate, so some seeds hammer one fault and others mix
 * several. Written to and read from a schedule file (one JSON object per line: a header, then one
 * line per event) so a shrunk schedule replays with {@code --schedule FILE}.
 *
 * @param scenario     scenario name
 * @param seed         the run's seed
 * @param maxOps       at most this many workload operations are invoked (shrinking lowers it)
 * @param faultPhaseMs faults are injected in [0, faultPhaseMs); then everything heals
 * @param events       fault events sorted by time
 */
public record FaultSchedule(String scenario, long seed, int maxOps, long faultPhaseMs, List<FaultEvent> events) {

    /** Longest schedule accepted, so a file cannot make a run unbounded. */
    public static final int MAX_EVENTS = 10_000;
    public static final int MAX_OPS = 1_000_000;

    public FaultSchedule {
        if (maxOps < 0 || maxOps > MAX_OPS) {
            throw new IllegalArgumentException("maxOps out of [0, " + MAX_OPS + "]: " + maxOps);
        }
        if (faultPhaseMs < 0 || faultPhaseMs > 3_600_000) {
            throw new IllegalArgumentException("faultPhaseMs out of [0, 1 h]: " + faultPhaseMs);
        }
        if (events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("more than " + MAX_EVENTS + " fault events");
        }
        List<FaultEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(FaultEvent::atMs));
        events = List.copyOf(sorted);
    }

    /**
     * Draws a schedule from the seed: each kind in {@code kinds} is enabled with probability 1/2, and an
     * enabled kind fires with gaps drawn around its own mean (0.5 s to 8 s) through the fault phase.
     */
    public static FaultSchedule draw(String scenario, long seed, Set<FaultKind> kinds, long faultPhaseMs, int maxOps) {
        SplittableRandom random = new SplittableRandom(TraceHash.deriveSeed(seed, "faults"));
        List<FaultEvent> events = new ArrayList<>();
        long[] meanGapsMs = {500, 1_500, 4_000, 8_000};
        for (FaultKind kind : EnumSet.copyOf(kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : kinds)) {
            if (!random.nextBoolean()) {
                continue;
            }
            long meanGapMs = meanGapsMs[random.nextInt(meanGapsMs.length)];
            long at = random.nextLong(meanGapMs);
            while (at < faultPhaseMs && events.size() < MAX_EVENTS) {
                events.add(new FaultEvent(at, kind, drawDuration(kind, random), drawArg(kind, random)));
                at += meanGapMs / 2 + random.nextLong(meanGapMs);
            }
        }
        return new FaultSchedule(scenario, seed, maxOps, faultPhaseMs, events);
    }

    /**
     * Draws a schedule from a choice source instead of the seed, so {@link io.gantry.simulation.choice.PropertyRunner}
     * can generate schedules and shrink them Hypothesis-style (fewer events, earlier, shorter, simpler kinds).
     */
    public static FaultSchedule fromChoices(io.gantry.simulation.choice.Choices c, String scenario,
                                            Set<FaultKind> kinds, long faultPhaseMs, int maxEvents) {
        List<FaultKind> options = List.copyOf(EnumSet.copyOf(kinds));
        long seed = c.longBetween(0, 1L << 40);
        int maxOps = c.intBetween(0, 2_000);
        List<FaultEvent> events = c.listOf(0, maxEvents, cc -> new FaultEvent(cc.longBetween(0, faultPhaseMs - 1),
                cc.pick(options), cc.longBetween(0, 3_000), cc.longBetween(0, 1L << 40)));
        return new FaultSchedule(scenario, seed, maxOps, faultPhaseMs, events);
    }

    private static long drawDuration(FaultKind kind, SplittableRandom random) {
        return switch (kind) {
            case CRASH, POWER_LOSS -> random.nextLong(0, 3_000);
            case PAUSE -> random.nextLong(10, 4_000);
            case ENOSPC, SLOW_DISK -> random.nextLong(100, 5_000);
            case PARTITION_HALVES, ISOLATE, PARTITION_RING, PARTITION_BRIDGE, PARTITION_ONE_WAY, CLOG, CLOCK_SKEW ->
                    random.nextLong(100, 8_000);
            default -> 0;
        };
    }

    private static long drawArg(FaultKind kind, SplittableRandom random) {
        return switch (kind) {
            case CLOCK_JUMP -> random.nextLong(-3_600_000, 3_600_000);
            case WRITE_EIO, FORCE_EIO -> random.nextInt(1, 3);
            case ENOSPC -> random.nextLong(0, 64 * 1024);
            case SLOW_DISK -> random.nextLong(1_000, 2_000_000);
            default -> random.nextLong() & Long.MAX_VALUE;
        };
    }

    /** Faults injected, counted by kind label, in a stable order. */
    public Map<String, Integer> countByKind() {
        Map<String, Integer> out = new TreeMap<>();
        for (FaultEvent e : events) {
            out.merge(e.kind().label(), 1, Integer::sum);
        }
        return out;
    }

    public FaultSchedule withEvents(List<FaultEvent> newEvents) {
        return new FaultSchedule(scenario, seed, maxOps, faultPhaseMs, newEvents);
    }

    public FaultSchedule withMaxOps(int ops) {
        return new FaultSchedule(scenario, seed, ops, faultPhaseMs, events);
    }

    /** The file form: a header line, then one line per event. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("scenario", scenario);
        header.put("seed", seed);
        header.put("maxOps", maxOps);
        header.put("faultPhaseMs", faultPhaseMs);
        header.put("events", events.size());
        sb.append(FlatJson.write(header)).append('\n');
        for (FaultEvent e : events) {
            sb.append(FlatJson.write(e.toJson())).append('\n');
        }
        return sb.toString();
    }

    public static FaultSchedule parse(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty schedule");
        }
        Map<String, String> header = FlatJson.parse(lines.get(0));
        List<FaultEvent> events = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            events.add(FaultEvent.fromJson(FlatJson.parse(line)));
        }
        int declared = Integer.parseInt(header.get("events"));
        if (declared != events.size()) {
            throw new IllegalArgumentException("schedule declares " + declared + " events, has " + events.size());
        }
        return new FaultSchedule(header.get("scenario"), Long.parseLong(header.get("seed")),
                Integer.parseInt(header.get("maxOps")), Long.parseLong(header.get("faultPhaseMs")), events);
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toText(), StandardCharsets.UTF_8);
    }

    public static FaultSchedule read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }
}
