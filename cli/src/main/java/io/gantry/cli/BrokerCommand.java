package io.gantry.cli;

import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.config.ParsedBrokerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gantry broker -c broker.conf [-n host:port]}: runs a broker until Ctrl-C (or SIGTERM), then
 * shuts it down cleanly (unregister, flush, checkpoint). Prints its address on stdout once it serves.
 * Exit codes: 0 after a clean shutdown, 1 if it cannot start, 2 for bad arguments or an invalid
 * configuration value (the message names the key).
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = "Run a broker (stores messages and serves producers and consumers).")
final class BrokerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "broker.conf (RocketMQ key names).")
    Path configFile;

    @Option(names = {"-n", "--namesrv"}, paramLabel = "ADDRS",
            description = "Nameserver addresses host:port separated by ';' (overrides namesrvAddr).")
    String namesrvAddr;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = "The broker's data directory; storePathRootDir is relative to it. Default ${DEFAULT-VALUE}.")
    Path dataDir = Path.of("data", "broker");

    @Override
    public Integer call() {
        RoleLogging.use("broker");
        ParsedBrokerConfig parsed;
        BrokerConfig config;
        try {
            parsed = BrokerConfFile.read(configFile);
            config = namesrvAddr == null ? parsed.broker() : parsed.broker().toBuilder().namesrvAddr(namesrvAddr).build();
        } catch (IOException e) {
            spec.commandLine().getErr().println("gantry broker: cannot read " + configFile + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        long startNanos = System.nanoTime();
        RunningBroker running;
        try {
            running = RunningBroker.start(config, parsed.store(), dataDir);
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("gantry broker: cannot start on " + config.listenAddress() + ": "
                    + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "broker-shutdown"));
        out.printf("gantry broker %s serving at %s (ready in %d ms)%n", config.brokerName(), running.address(),
                (System.nanoTime() - startNanos) / 1_000_000);
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.close();
        }
        return 0;
    }
}
