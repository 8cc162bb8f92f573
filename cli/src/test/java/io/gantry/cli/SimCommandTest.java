package io.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandTest {

    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = GantryCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    private static List<JsonNode> rows(String out) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                rows.add(mapper.readTree(line));
            }
        }
        return rows;
    }

    @Test
    void parallelJobsGiveTheSameHashesInTheSameOrder() throws Exception {
        Outcome serial = run("sim", "--seeds", "4", "--scenario", "store-async", "--json");
        Outcome parallel = run("sim", "--seeds", "4", "--scenario", "store-async", "--json", "--jobs", "3");
        assertThat(serial.exitCode()).as(serial.err()).isZero();
        assertThat(parallel.exitCode()).as(parallel.err()).isZero();
        assertThat(rows(parallel.out()).stream().map(r -> r.get("traceHash").asText()).toList())
                .isEqualTo(rows(serial.out()).stream().map(r -> r.get("traceHash").asText()).toList());
        assertThat(serial.err()).contains("summary: 4 seeds, 4 runs, 0 invalid", "faults injected", "real time");
    }

    @Test
    void theTextSummaryNamesCheckersAndFaults() {
        Outcome o = run("sim", "--seeds", "2", "--scenario", "store-sync");
        assertThat(o.exitCode()).as(o.out()).isZero();
        assertThat(o.out()).contains("store-sync", "summary: 2 seeds", "violations: {", "lost=0", "allowed-loss");
    }

    @Test
    void outWritesTheRunsFilesWithTheSweepsHash(@TempDir Path dir) throws Exception {
        Outcome sweep = run("sim", "--seeds", "1", "--from", "9", "--scenario", "store-sync", "--json");
        Outcome one = run("sim", "--seed", "9", "--scenario", "store-sync", "--out", dir.toString(), "--json");
        assertThat(one.exitCode()).as(one.err()).isZero();
        String hash = rows(sweep.out()).get(0).get("traceHash").asText();
        assertThat(rows(one.out()).get(0).get("traceHash").asText()).isEqualTo(hash);
        assertThat(Files.readString(dir.resolve("results.json"))).contains(hash, "\"lost\"");
        assertThat(Files.readAllLines(dir.resolve("history.jsonl"))).anyMatch(l -> l.contains("\"type\":\"invoke\""))
                .anyMatch(l -> l.contains("\"type\":\"ok\""));
        assertThat(dir.resolve("faults.jsonl")).exists();

        Outcome replay = run("sim", "--schedule", dir.resolve("schedule.jsonl").toString(), "--json");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(rows(replay.out()).get(0).get("traceHash").asText()).isEqualTo(hash);
    }

    @Test
    void aBrokenStoreFailsWithAReproAndShrinks(@TempDir Path dir) throws Exception {
        long failingSeed = -1;
        for (long seed = 0; seed < 200 && failingSeed < 0; seed++) {
            Outcome o = run("sim", "--seed", Long.toString(seed), "--scenario", "store-sync-early-ack", "--json");
            if (o.exitCode() == 1) {
                failingSeed = seed;
                assertThat(o.err()).contains("repro: ./gantry sim --seed " + seed + " --scenario store-sync-early-ack");
            }
        }
        assertThat(failingSeed).isNotNegative();
        Outcome shrunk = run("sim", "--seed", Long.toString(failingSeed), "--scenario", "store-sync-early-ack",
                "--shrink", "--shrink-attempts", "30", "--out", dir.toString());
        assertThat(shrunk.exitCode()).isEqualTo(1);
        assertThat(shrunk.out()).contains("shrunk in", "replay: ./gantry sim --schedule");
        Path file = dir.resolve("shrunk-schedule.jsonl");
        Outcome replay = run("sim", "--schedule", file.toString());
        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.out()).contains("lost=");
    }

    @Test
    void listNamesEveryScenario() {
        Outcome o = run("sim", "--list");
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).contains("store-sync", "store-async", "echo", "store-sync-early-ack", "(not in all)");
    }

    @Test
    void badScenarioAndJobsExitTwo() {
        assertThat(run("sim", "--scenario", "nope").exitCode()).isEqualTo(2);
        assertThat(run("sim", "--jobs", "0").exitCode()).isEqualTo(2);
        assertThat(run("sim", "--seeds", "2", "--out", "x").exitCode()).isEqualTo(2);
    }

    @Test
    void progressBarGoesToStderrOnlyAndNeverIntoJson() throws Exception {
        Outcome withBar = run("sim", "--seeds", "3", "--scenario", "echo", "--json", "--progress");
        assertThat(withBar.exitCode()).as(withBar.err()).isZero();
        List<JsonNode> rows = rows(withBar.out());
        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("seed").isNumber()).isTrue();
            assertThat(r.get("scenario").asText()).isEqualTo("echo");
            assertThat(r.get("valid").asBoolean()).isTrue();
            assertThat(r.get("traceHash").asText()).hasSize(16);
            assertThat(r.get("simulatedMs").asLong()).isPositive();
            assertThat(r.has("wallMs")).isTrue();
            assertThat(r.get("counts").has("order")).isTrue();
            assertThat(r.get("violations").get("order").asLong()).isZero();
        });
        assertThat(withBar.out()).doesNotContain("runs,", "\r");
        assertThat(withBar.err()).contains("[" + "#".repeat(SimProgress.BAR_WIDTH) + "] 3/3 runs, 0 invalid");

        Outcome noBar = run("sim", "--seeds", "3", "--scenario", "echo", "--json", "--no-progress");
        assertThat(noBar.err()).doesNotContain("3/3 runs").contains("summary: 3 seeds");
        assertThat(rows(noBar.out()).stream().map(r -> r.get("traceHash").asText()).toList())
                .isEqualTo(rows.stream().map(r -> r.get("traceHash").asText()).toList());
    }

    @Test
    void theProgressBarCountsRunsAndInvalidOnes() {
        StringWriter err = new StringWriter();
        SimProgress bar = new SimProgress(new PrintWriter(err, true), 4);
        bar.advance(true);
        bar.advance(false);
        assertThat(bar.text()).startsWith("[" + "#".repeat(SimProgress.BAR_WIDTH / 2) + ".".repeat(SimProgress.BAR_WIDTH / 2)
                + "] 2/4 runs, 1 invalid");
        bar.clear();
        bar.advance(true);
        bar.advance(true);
        bar.finish();
        assertThat(err.toString()).contains("4/4 runs, 1 invalid").endsWith(System.lineSeparator());
    }

    @Test
    void aSummaryCountsFaultsByKindAndGivesTheSpeed() {
        Outcome o = run("sim", "--seeds", "3", "--scenario", "store-async", "--no-progress");
        assertThat(o.exitCode()).as(o.out()).isZero();
        assertThat(o.out()).containsPattern("faults injected: \\{[a-z-]+=\\d+")
                .containsPattern("\\(\\d+x real time\\)").contains("seeds/min", "allowed-loss ", "duplicated ");
    }
}
