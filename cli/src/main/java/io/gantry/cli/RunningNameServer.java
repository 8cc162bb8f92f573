package io.gantry.cli;

import io.gantry.nameserver.NameServer;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.ProductionRuntime;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link NameServer} in this process on the production runtime: started on its node's loop,
 * stopped (nameserver, then runtime) by {@link #close()}. Used by {@code gantry namesrv} and, later,
 * by {@code gantry standalone}.
 */
final class RunningNameServer implements AutoCloseable {

    /** How long start and stop may take on the loop before we give up. */
    static final long LOOP_TIMEOUT_SECONDS = 30;

    private final ProductionRuntime runtime;
    private final NameServer nameServer;
    private final String address;
    private boolean closed;

    private RunningNameServer(ProductionRuntime runtime, NameServer nameServer, String address) {
        this.runtime = runtime;
        this.nameServer = nameServer;
        this.address = address;
    }

    /**
     * Builds node {@code namesrv} with its data directory and starts a nameserver on it.
     *
     * @throws IOException if the data directory or the listen address cannot be had
     */
    static RunningNameServer start(NameServerConfig config, Path dataDir) throws IOException {
        ProductionRuntime runtime = ProductionRuntime.create("namesrv", dataDir);
        try {
            NodeContext context = runtime.context();
            NameServer nameServer = NodeLoop.call(context, LOOP_TIMEOUT_SECONDS, () -> new NameServer(context, config));
            String address = NodeLoop.call(context, LOOP_TIMEOUT_SECONDS, nameServer::start);
            return new RunningNameServer(runtime, nameServer, address);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    String address() {
        return address;
    }

    /** Shuts the nameserver down on its loop, then closes the runtime. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            NodeLoop.call(runtime.context(), LOOP_TIMEOUT_SECONDS, () -> {
                nameServer.shutdown();
                return null;
            });
        } catch (IOException e) {
            System.err.println("gantry: nameserver shutdown failed: " + e.getMessage());
        } finally {
            runtime.close();
        }
    }
}
