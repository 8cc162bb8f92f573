package io.gantry.cli;

import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.config.ParsedBrokerConfig;
import io.gantry.nameserver.NameServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gantry standalone}: a nameserver and a broker in one process, on loopback by default, data
 * under {@code ./data} unless told. Prints both addresses once ready; Ctrl-C shuts the broker down
 * cleanly (unregister, flush, checkpoint) and then the nameserver. Exit codes as {@code gantry broker}.
 */
@Command(
        name = "standalone",
        mixinStandardHelpOptions = true,
        description = "Run a nameserver and a broker in one process (for development and trials).")
final class StandaloneCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Optional broker.conf for the broker.")
    Path configFile;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = "Data directory (namesrv/ and broker/ inside). Default ${DEFAULT-VALUE}.")
    Path dataDir = Path.of("data");

    @Option(names = "--namesrv-port", paramLabel = "PORT", description = "Nameserver port. Default ${DEFAULT-VALUE}.")
    int namesrvPort = NameServerConfig.DEFAULT_LISTEN_PORT;

    @Option(names = "--broker-port", paramLabel = "PORT", description = "Broker port. Default ${DEFAULT-VALUE}.")
    int brokerPort = 10911;

    @Option(names = "--host", paramLabel = "IP", description = "IPv4 address both listen on. Default ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Override
    public Integer call() {
        RoleLogging.use("broker");
        long startNanos = System.nanoTime();
        ParsedBrokerConfig parsed;
        NameServerConfig nameServerConfig;
        try {
            parsed = BrokerConfFile.read(configFile);
            nameServerConfig = NameServerConfig.defaults().withListen(host, namesrvPort);
        } catch (IOException e) {
            spec.commandLine().getErr().println("gantry standalone: cannot read " + configFile + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        RunningNameServer nameServer;
        try {
            nameServer = RunningNameServer.start(nameServerConfig, dataDir.resolve("namesrv"));
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("gantry standalone: nameserver cannot start: " + e.getMessage());
            return 1;
        }
        String bound = nameServer.address();
        String nameServerAddress = host + ":" + bound.substring(bound.lastIndexOf(':') + 1);
        RunningBroker broker;
        try {
            BrokerConfig config = parsed.broker().toBuilder().brokerIP1(host).listenPort(brokerPort)
                    .namesrvAddr(nameServerAddress).build();
            broker = RunningBroker.start(config, parsed.store(), dataDir.resolve("broker"));
        } catch (IllegalArgumentException e) {
            nameServer.close();
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            nameServer.close();
            spec.commandLine().getErr().println("gantry standalone: broker cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            nameServer.close();
            stopped.countDown();
        }, "standalone-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("gantry standalone: nameserver %s, broker %s (ready in %d ms)%n", nameServerAddress,
                broker.address(), (System.nanoTime() - startNanos) / 1_000_000);
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.close();
            nameServer.close();
        }
        return 0;
    }
}
