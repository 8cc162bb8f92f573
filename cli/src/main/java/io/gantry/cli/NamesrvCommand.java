package io.gantry.cli;

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
 * {@code gantry namesrv}: runs a nameserver until Ctrl-C (or SIGTERM), then shuts it down
 * cleanly. Prints its address on stdout once it listens. Exit codes: 0 after a clean shutdown,
 * 1 if it cannot start (port taken, data directory unusable), 2 for bad arguments.
 */
@Command(
        name = "namesrv",
        mixinStandardHelpOptions = true,
        description = "Run a nameserver (the route registry brokers register with and clients ask).")
final class NamesrvCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "Port to listen on, 0 for any free one. Default ${DEFAULT-VALUE}.")
    int port = NameServerConfig.DEFAULT_LISTEN_PORT;

    @Option(names = "--host", paramLabel = "HOST", description = "Interface to listen on. Default ${DEFAULT-VALUE}.")
    String host = NameServerConfig.DEFAULT_LISTEN_HOST;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = "The nameserver's data directory. Default ${DEFAULT-VALUE}.")
    Path dataDir = Path.of("data", "namesrv");

    @Override
    public Integer call() {
        NameServerConfig config;
        try {
            config = NameServerConfig.defaults().withListen(host, port);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid option: " + e.getMessage());
        }
        RoleLogging.use("namesrv");
        PrintWriter out = spec.commandLine().getOut();
        long startNanos = System.nanoTime();
        RunningNameServer running;
        try {
            running = RunningNameServer.start(config, dataDir);
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("gantry namesrv: cannot start on " + config.listenAddress() + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "namesrv-shutdown"));
        // The bound address of a wildcard listen reads "[0:0:...]:port"; show what the user asked for.
        String bound = running.address();
        out.printf("gantry namesrv listening on %s:%s (ready in %d ms)%n", host,
                bound.substring(bound.lastIndexOf(':') + 1), (System.nanoTime() - startNanos) / 1_000_000);
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
