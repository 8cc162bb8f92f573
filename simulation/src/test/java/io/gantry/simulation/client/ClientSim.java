package io.gantry.simulation.client;

import io.gantry.client.ClientConfig;
import io.gantry.client.ClientInstance;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimWorld;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A simulated world with a fake nameserver, fake brokers and one or more client nodes. */
final class ClientSim {

    final SimWorld world;
    final FakeNameServer nameServer;
    final Map<String, FakeBroker> brokers = new LinkedHashMap<>();

    ClientSim(long seed, String... brokerNames) {
        world = new SimWorld(SimConfig.defaults(seed));
        nameServer = new FakeNameServer(world.addNode("ns").context());
        int octet = 1;
        for (String broker : brokerNames) {
            brokers.put(broker, new FakeBroker(world.addNode(broker).context(), broker, octet++));
        }
        world.runFor(10);
    }

    FakeBroker broker(String name) {
        return brokers.get(name);
    }

    /** A client instance on a new node, built on its loop. */
    ClientInstance client(String nodeId) {
        NodeContext context = world.addNode(nodeId).context();
        return await(context, () -> CompletableFuture.completedFuture(
                new ClientInstance(context, ClientConfig.of(FakeNameServer.ADDRESS).withRebalanceIntervalMs(1_000))), 100);
    }

    /** Runs {@code operation} on {@code context}'s loop and the world until its future is done; returns the future. */
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

    /** Like {@link #run} and returns the value; fails the test if the future did not complete. */
    <T> T await(NodeContext context, Supplier<CompletableFuture<T>> operation, long maxVirtualMs) {
        CompletableFuture<T> result = run(context, operation, maxVirtualMs);
        if (!result.isDone()) {
            throw new AssertionError("not done within " + maxVirtualMs + " virtual ms");
        }
        return result.join();
    }
}
