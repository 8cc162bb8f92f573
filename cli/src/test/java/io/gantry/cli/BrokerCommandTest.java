package io.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.config.ParsedBrokerConfig;
import io.gantry.nameserver.NameServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String err) {}

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        var commandLine = GantryCli.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Outcome(commandLine.execute(args), err.toString());
    }

    @Test
    void invalidConfigValueExitsTwoNamingTheKey() throws Exception {
        Path conf = dir.resolve("broker.conf");
        Files.writeString(conf, "listenPort=not-a-port\n", StandardCharsets.ISO_8859_1);
        Outcome outcome = run("broker", "-c", conf.toString(), "-d", dir.resolve("data").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("listenPort");
    }

    @Test
    void missingConfigFileExitsOne() {
        Outcome outcome = run("broker", "-c", dir.resolve("absent.conf").toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("absent.conf");
    }

    @Test
    void shippedExampleConfigParsesWithoutWarnings() throws Exception {
        Path example = Path.of("..", "conf", "broker.conf");
        ParsedBrokerConfig parsed = BrokerConfFile.read(example);
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.broker().brokerName()).isEqualTo("broker-a");
    }

    @Test
    void brokerStartsRegistersWithANameServerAndShutsDownCleanly() throws Exception {
        try (RunningNameServer nameServer = RunningNameServer.start(
                NameServerConfig.defaults().withListen("127.0.0.1", 0), dir.resolve("namesrv"))) {
            String ns = "127.0.0.1:" + nameServer.address().substring(nameServer.address().lastIndexOf(':') + 1);
            ParsedBrokerConfig parsed = BrokerConfFile.read(null);
            BrokerConfig config = parsed.broker().toBuilder().listenPort(0).namesrvAddr(ns).build();
            RunningBroker broker = RunningBroker.start(config, parsed.store().toBuilder()
                    .mappedFileSizeCommitLog(1024 * 1024).mappedFileSizeConsumeQueue(20 * 1000)
                    .maxMessageSize(64 * 1024).maxHashSlotNum(1000).maxIndexNum(4000).build(), dir.resolve("broker"));
            assertThat(broker.address()).startsWith("127.0.0.1:");
            broker.close();
            assertThat(dir.resolve("broker/store/abort")).as("a clean shutdown leaves no abort marker").doesNotExist();
            assertThat(dir.resolve("broker/store/config/topics.json")).exists();
        }
    }
}
