package io.gantry.simulation.harness.cluster;

import io.gantry.client.ClientConfig;
import io.gantry.client.ClientInstance;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;

/**
 * One client process (producer, consumer, admin, drain) on its own simulated node, with its real
 * {@link ClientInstance}. Intervals are shortened from RocketMQ's defaults so that routes,
 * heartbeats, rebalances and offset commits happen many times within a short simulated run.
 */
final class ClientNode {

    private final String name;
    private final SimNode node;
    private final ClientInstance client;

    private ClientNode(String name, SimNode node, ClientInstance client) {
        this.name = name;
        this.node = node;
        this.client = client;
    }

    /** Adds the node and builds its client instance (on the node's loop, as the client requires). */
    static ClientNode create(SimWorld world, String name, String clientIp, String nameServers) {
        SimNode node = world.addNode(name);
        // rpc timeout 3 s, route refresh 2 s, heartbeat 2 s, offset persist 1 s, rebalance 2 s.
        ClientConfig config = new ClientConfig(nameServers, clientIp, name, 3_000, 2_000, 2_000, 1_000, 2_000, 5_000);
        ClientInstance[] built = new ClientInstance[1];
        node.context().scheduler().execute(() -> built[0] = new ClientInstance(node.context(), config));
        world.runUntil(() -> built[0] != null, 1_000);
        if (built[0] == null) {
            throw new IllegalStateException("client " + name + " was not built");
        }
        return new ClientNode(name, node, built[0]);
    }

    String name() {
        return name;
    }

    SimNode node() {
        return node;
    }

    ClientInstance client() {
        return client;
    }

    /** Runs {@code task} on this client's loop. */
    void execute(Runnable task) {
        node.context().scheduler().execute(task);
    }
}
