package io.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GantryCliTest {

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

    @Test
    void helpListsTheSubcommands() {
        Outcome outcome = run("--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("sim", "version");
    }

    @Test
    void noSubcommandIsAUsageError() {
        Outcome outcome = run();
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("Missing subcommand");
    }

    @Test
    void unknownOptionExitsTwoWithAMessage() {
        Outcome outcome = run("sim", "--no-such-option");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--no-such-option");
    }

    @Test
    void nonNumericSeedExitsTwo() {
        Outcome outcome = run("sim", "--seed", "abc");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("abc");
    }

    @Test
    void zeroSeedsExitsTwo() {
        Outcome outcome = run("sim", "--seeds", "0");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--seeds must be between 1");
    }

    @Test
    void seedCannotBeCombinedWithARange() {
        Outcome outcome = run("sim", "--seed", "3", "--seeds", "2");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--seed replays one seed");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        StringWriter captured = new StringWriter();
        var commandLine = GantryCli.commandLine();
        commandLine.setOut(new PrintWriter(captured, true));
        int exitCode = commandLine.execute("--version");
        assertThat(exitCode).isZero();
        assertThat(captured.toString()).startsWith("gantry ").doesNotContain("unknown");
    }

    @Test
    void simJsonPrintsOneObjectPerSeedAndRepeatsItsHashes() throws Exception {
        List<JsonNode> first = simJson("--seeds", "3", "--from", "40", "--scenario", "echo", "--json");
        List<JsonNode> second = simJson("--seeds", "3", "--from", "40", "--scenario", "echo", "--json");
        assertThat(first).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode row = first.get(i);
            assertThat(row.get("seed").asLong()).isEqualTo(40 + i);
            assertThat(row.get("scenario").asText()).isEqualTo("echo");
            assertThat(row.get("valid").asBoolean()).isTrue();
            assertThat(row.get("simulatedMs").asLong()).isPositive();
            assertThat(row.get("events").asLong()).isPositive();
            assertThat(row.has("wallMs")).isTrue();
            assertThat(row.get("traceHash").asText()).isEqualTo(second.get(i).get("traceHash").asText());
        }
        assertThat(first.get(0).get("traceHash").asText()).isNotEqualTo(first.get(1).get("traceHash").asText());
    }

    @Test
    void theDefaultRunsEveryScenarioOfAllPerSeed() throws Exception {
        List<JsonNode> rows = simJson("--seeds", "2", "--from", "3", "--json");
        List<String> all = io.gantry.simulation.harness.ScenarioCatalog.all();
        List<String> expected = new java.util.ArrayList<>(all);
        expected.addAll(all);
        assertThat(all).startsWith("store-sync", "store-async", "echo").contains("single-sync", "two-groups");
        assertThat(rows.stream().map(r -> r.get("scenario").asText()).toList()).containsExactlyElementsOf(expected);
        for (JsonNode row : rows) {
            assertThat(row.get("valid").asBoolean()).as(row.toString()).isTrue();
            assertThat(row.get("traceHash").asText()).hasSize(16);
            assertThat(row.get("violations").has("liveness")).isTrue();
        }
        assertThat(rows.get(0).get("violations").has("lost")).isTrue();
    }

    @Test
    void replayingOneSeedGivesTheRangeRunsHash() throws Exception {
        List<JsonNode> range = simJson("--seeds", "2", "--from", "5", "--json");
        List<JsonNode> replay = simJson("--seed", "6", "--json");
        int perSeed = io.gantry.simulation.harness.ScenarioCatalog.all().size();
        assertThat(replay).hasSize(perSeed);
        for (int i = 0; i < perSeed; i++) {
            assertThat(replay.get(i).get("traceHash").asText())
                    .isEqualTo(range.get(perSeed + i).get("traceHash").asText());
        }
    }

    private static List<JsonNode> simJson(String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = "sim";
        System.arraycopy(args, 0, full, 1, args.length);
        Outcome outcome = run(full);
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : outcome.out().split("\n")) {
            if (!line.isBlank()) {
                rows.add(mapper.readTree(line));
            }
        }
        return rows;
    }
}
