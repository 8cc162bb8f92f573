package io.gantry.simulation.broker;

import io.gantry.broker.Broker;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.client.ClientConfig;
import io.gantry.client.ClientInstance;
import io.gantry.nameserver.NameServer;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.store.FlushDiskType;
import io.gantry.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A simulated world with Gantry's real nameserver, one real broker and client nodes. */
final class BrokerSim {

    static final String NAMESRV = "10.0.0.100:9876";
    static final String BROKER_IP = "10.0.0.1";

    final SimWorld world;
    final SimNode brokerNode;
    final BrokerConfig brokerConfig;
    final StoreConfig storeConfig;
    Broker broker;

    BrokerSim(long seed, FlushDiskType flushDiskType) {
        this(SimConfig.defaults(seed), flushDiskType, 5_000);
    }

    BrokerSim(SimConfig simConfig, FlushDiskType flushDiskType, long syncFlushTimeoutMs) {
        world = new SimWorld(simConfig);
        NodeContext ns = world.addNode("ns").context();
        ns.scheduler().execute(() -> {
            try {
                new NameServer(ns, NameServerConfig.defaults().withListen("10.0.0.100", 9876)).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        brokerNode = world.addNode("broker-a");
        brokerConfig = BrokerConfig.builder().brokerIP1(BROKER_IP).namesrvAddr(NAMESRV).build();
        storeConfig = StoreConfig.builder().flushDiskType(flushDiskType).syncFlushTimeout(syncFlushTimeoutMs)
                .mappedFileSizeCommitLog(1024 * 1024).mappedFileSizeConsumeQueue(20 * 1000)
                .maxMessageSize(64 * 1024).maxHashSlotNum(1000).maxIndexNum(4000).build();
        startBroker(brokerNode.context());
    }

    /** Boots a broker on {@code context} and runs the world until it has registered. */
    void startBroker(NodeContext context) {
        Broker fresh = new Broker(context, brokerConfig, storeConfig);
        await(context, () -> {
            try {
                fresh.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return CompletableFuture.completedFuture(null);
        }, 1_000);
        broker = fresh;
        world.runUntil(() -> broker.successfulRegistrations() > 0, 5_000);
    }

    /** Crashes the broker's node and boots a new incarnation on the same disk. */
    void crashAndRestartBroker() {
        brokerNode.crash();
        world.runFor(100);
        startBroker(brokerNode.restart());
    }

    ClientInstance client(String nodeId) {
        NodeContext context = world.addNode(nodeId).context();
        return await(context, () -> CompletableFuture.completedFuture(
                new ClientInstance(context, ClientConfig.of(NAMESRV).withRebalanceIntervalMs(1_000))), 100);
    }

    <T> CompletableFuture<T> run(NodeContext context, Supplier<CompletableFuture<T>> operation, long maxVirtualMs) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.scheduler().execute(() -> {
            try {
                operation.get().whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        world.runUntil(result::isDone, maxVirtualMs);
        return result;
    }

    <T> T await(NodeContext context, Supplier<CompletableFuture<T>> operation, long maxVirtualMs) {
        CompletableFuture<T> result = run(context, operation, maxVirtualMs);
        if (!result.isDone()) {
            throw new AssertionError("not done within " + maxVirtualMs + " virtual ms");
        }
        return result.join();
    }
}
