package io.gantry.simulation;

import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.Listener;
import io.gantry.runtime.Network;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One node incarnation's view of the {@link SimNetwork}: the {@link Network} seam handed to node
 * code. It remembers its listeners and connections so a crash can tear them down.
 */
final class SimEndpoint implements Network {

    private static final int FIRST_EPHEMERAL_PORT = 40_000;
    private static final int PRUNE_THRESHOLD = 256;

    private final SimNetwork network;
    private final SimNode node;
    private final long incarnation;
    private final List<SimListener> listeners = new ArrayList<>();
    private final List<SimConnection> connections = new ArrayList<>();
    private int nextEphemeralPort = FIRST_EPHEMERAL_PORT;
    private boolean alive = true;

    SimEndpoint(SimNetwork network, SimNode node, long incarnation) {
        this.network = network;
        this.node = node;
        this.incarnation = incarnation;
    }

    @Override
    public Listener listen(String address, ConnectionHandler handler) throws IOException {
        network.world().checkThread();
        if (!alive) {
            throw new IOException("node " + node.id() + " is down");
        }
        SimListener listener = network.bind(this, address, handler);
        listeners.add(listener);
        return listener;
    }

    @Override
    public CompletableFuture<Connection> connect(String address, ConnectionHandler handler) {
        network.world().checkThread();
        return network.connect(this, address, handler);
    }

    @Override
    public int maxFrameBytes() {
        return network.world().config().maxFrameBytes();
    }

    SimNode node() {
        return node;
    }

    long incarnation() {
        return incarnation;
    }

    boolean isAlive() {
        return alive && node.isUp() && node.incarnation() == incarnation;
    }

    String nextLocalAddress() {
        return node.id() + ":" + nextEphemeralPort++;
    }

    void register(SimConnection connection) {
        if (connections.size() >= PRUNE_THRESHOLD) {
            connections.removeIf(SimConnection::isClosed);
        }
        connections.add(connection);
    }

    /** Connections not yet closed, in creation order. */
    List<SimConnection> liveConnections() {
        List<SimConnection> live = new ArrayList<>();
        for (SimConnection c : connections) {
            if (!c.isClosed()) {
                live.add(c);
            }
        }
        return live;
    }

    List<SimListener> listeners() {
        return listeners;
    }

    void markDead() {
        alive = false;
    }
}
