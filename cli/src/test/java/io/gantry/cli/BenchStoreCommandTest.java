package io.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchStoreCommandTest {

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
    void aSmallRunPrintsOneRowPerModeAndWindowAndCleansUp(@TempDir Path tmp) throws Exception {
        Outcome outcome = run("bench", "store", "--messages", "300", "--seconds", "5", "--size", "128",
                "--window", "8", "--warmup-seconds", "0", "--dir", tmp.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("ASYNC_FLUSH +128 +- +300 ")
                .containsPattern("SYNC_FLUSH +128 +1 +300 ")
                .containsPattern("SYNC_FLUSH +128 +8 +300 ")
                .doesNotContainPattern("FLUSH +1024 ");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("run directories are deleted").isEmpty();
        }
    }

    @Test
    void anUnknownFlushModeIsAUsageError() {
        Outcome outcome = run("bench", "store", "--flush", "SOMETIMES");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--flush takes ASYNC or SYNC");
    }

    @Test
    void benchWithoutASubcommandIsAUsageError() {
        Outcome outcome = run("bench");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("gantry bench store");
    }
}
