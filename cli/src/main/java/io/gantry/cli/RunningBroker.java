package io.gantry.cli;

import io.gantry.broker.Broker;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.ProductionRuntime;
import io.gantry.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Broker} in this process on the production runtime, its disk rooted at the data directory:
 * started on its node's loop (store recovery included), stopped (broker: unregister, flush,
 * checkpoint; then runtime) by {@link #close()}. Used by {@code gantry broker} and
 * {@code gantry standalone}.
 */
final class RunningBroker implements AutoCloseable {

    /** How long start (recovery included) and stop may take on the loop before we give up. */
    static final long LOOP_TIMEOUT_SECONDS = 120;

    private final ProductionRuntime runtime;
    private final Broker broker;
    private final String address;
    private boolean closed;

    private RunningBroker(ProductionRuntime runtime, Broker broker, String address) {
        this.runtime = runtime;
        this.broker = broker;
        this.address = address;
    }

    /**
     * Builds node {@code broker} rooted at {@code dataDir} and starts a broker on it.
     *
     * @throws IOException if the store cannot be opened or the port bound
     */
    static RunningBroker start(BrokerConfig config, StoreConfig storeConfig, Path dataDir) throws IOException {
        ProductionRuntime runtime = ProductionRuntime.create("broker", dataDir);
        try {
            NodeContext context = runtime.context();
            Broker broker = NodeLoop.call(context, LOOP_TIMEOUT_SECONDS, () -> new Broker(context, config, storeConfig));
            String address = NodeLoop.call(context, LOOP_TIMEOUT_SECONDS, broker::start);
            return new RunningBroker(runtime, broker, address);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    String address() {
        return address;
    }

    /** Shuts the broker down on its loop and waits for it, then closes the runtime. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            CompletableFuture<Void> done = NodeLoop.call(runtime.context(), LOOP_TIMEOUT_SECONDS, broker::shutdown);
            done.get(LOOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            System.err.println("gantry: broker shutdown failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runtime.close();
        }
    }
}
