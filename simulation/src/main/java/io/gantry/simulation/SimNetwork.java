package io.gantry.simulation;

import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * The simulated network fabric shared by all nodes: addresses are labels ({@code "broker-a:10911"}),
 * connections are pairs of {@link SimConnection} ends joined by FIFO pipes with seeded latency.
 *
 * <p>Faults, for the scenario and nemesis: {@link #partition} (symmetric) and
 * {@link #partitionOneWay} hold traffic on the blocked links; {@link #heal()} releases it in order;
 * a partition lasting {@code resetAfterMs} resets the connections crossing it. {@link #clog} adds
 * latency to a link, {@link #reset(Connection)} and {@link #resetBetween} kill connections.
 *
 * <p>Model of a dead process: a crash flushes what the node had sent and then resets its
 * connections (peers see the close after the link latency); a power loss loses what was in flight
 * and peers see the reset only after {@code resetAfterMs}, like a keepalive timeout.
 *
 * <p>Does not guarantee: bandwidth limits (only latency is modelled); TCP's exact behaviour under
 * one-way partitions (the blocked direction just holds its frames).
 */
public final class SimNetwork {

    /** A partition rule: traffic from a node in {@code from} to a node in {@code to} is held. */
    private record Rule(long id, Set<String> from, Set<String> to, boolean symmetric) {
        boolean blocks(String src, String dst) {
            return (from.contains(src) && to.contains(dst)) || (symmetric && to.contains(src) && from.contains(dst));
        }
    }

    private final SimWorld world;
    private final RandomGenerator random;
    private final TreeMap<String, SimListener> listeners = new TreeMap<>();
    /** Ends not yet both closed, by id: what heal and partition resets walk over. */
    private final TreeMap<Long, SimConnection> connections = new TreeMap<>();
    private final TreeMap<Long, Rule> rules = new TreeMap<>();
    /** Extra latency per unordered node pair, key "a|b" with a < b. */
    private final TreeMap<String, Long> clogNanos = new TreeMap<>();
    private long nextConnectionId = 1;
    private long nextRuleId = 1;

    SimNetwork(SimWorld world) {
        this.world = world;
        this.random = new SplittableRandom(TraceHash.deriveSeed(world.seed(), "network"));
    }

    SimWorld world() {
        return world;
    }

    // ---- faults ----

    /** Cuts all traffic between node sets {@code a} and {@code b}, both ways. Returns the rule id for {@link #heal(long)}. */
    public long partition(Set<String> a, Set<String> b) {
        return addRule(a, b, true);
    }

    /** Holds traffic from nodes in {@code from} to nodes in {@code to}; the other direction flows. */
    public long partitionOneWay(Set<String> from, Set<String> to) {
        return addRule(from, to, false);
    }

    /** Cuts {@code nodeId} off from every other node. */
    public long isolate(String nodeId) {
        Set<String> others = new TreeSet<>();
        for (SimNode n : world.nodes()) {
            if (!n.id().equals(nodeId)) {
                others.add(n.id());
            }
        }
        return partition(Set.of(nodeId), others);
    }

    private long addRule(Set<String> from, Set<String> to, boolean symmetric) {
        world.checkThread();
        long id = nextRuleId++;
        Rule rule = new Rule(id, Set.copyOf(from), Set.copyOf(to), symmetric);
        rules.put(id, rule);
        world.recordFault("partition", id, symmetric ? 1 : 0, hashOfSet(from), hashOfSet(to));
        world.schedule(world.config().resetAfterMs(), () -> {
            if (rules.get(id) == rule) {
                resetCrossing(rule);
            }
        });
        return id;
    }

    /** Removes every partition; held traffic flows again, in order. */
    public void heal() {
        world.checkThread();
        rules.clear();
        world.recordFault("heal-all");
        kickAll();
    }

    /** Removes one partition rule. */
    public void heal(long ruleId) {
        world.checkThread();
        if (rules.remove(ruleId) != null) {
            world.recordFault("heal", ruleId);
            kickAll();
        }
    }

    public boolean isPartitioned() {
        return !rules.isEmpty();
    }

    /** Adds {@code extraMs} of latency between nodes {@code a} and {@code b}, both ways (0 removes it). */
    public void clog(String a, String b, long extraMs) {
        world.checkThread();
        if (extraMs < 0 || extraMs > 3_600_000L) {
            throw new IllegalArgumentException("extraMs out of [0, 1 h]: " + extraMs);
        }
        String key = pairKey(a, b);
        if (extraMs == 0) {
            clogNanos.remove(key);
        } else {
            clogNanos.put(key, extraMs * 1_000_000L);
        }
        world.recordFault("clog", TraceHash.hashOf(key), extraMs);
    }

    public void unclogAll() {
        clogNanos.clear();
        world.recordFault("unclog-all");
    }

    /** Resets one connection: in-flight frames are lost and both ends see onClose with a cause. */
    public void reset(Connection connection) {
        world.checkThread();
        if (!(connection instanceof SimConnection end)) {
            throw new IllegalArgumentException("not a simulated connection: " + connection);
        }
        world.recordFault("reset", end.id());
        resetPair(end, new IOException("connection reset (injected)"));
    }

    /** Resets every connection between nodes {@code a} and {@code b}. Returns how many. */
    public int resetBetween(String a, String b) {
        world.checkThread();
        world.recordFault("reset-between", TraceHash.hashOf(pairKey(a, b)));
        int count = 0;
        for (SimConnection end : new ArrayList<>(connections.values())) {
            String x = end.node().id();
            String y = end.peer().node().id();
            if (!end.isClosed() && ((x.equals(a) && y.equals(b)) || (x.equals(b) && y.equals(a)))) {
                resetPair(end, new IOException("connection reset (injected)"));
                count++;
            }
        }
        return count;
    }

    /** Open or connecting connection ends owned by {@code nodeId}'s current incarnation, in creation order. */
    public List<Connection> connectionsOf(String nodeId) {
        SimNode node = world.node(nodeId);
        if (!node.isUp()) {
            return List.of();
        }
        return List.copyOf(node.endpoint().liveConnections());
    }

    // ---- the Network seam, via SimEndpoint ----

    SimEndpoint newEndpoint(SimNode node, long incarnation) {
        return new SimEndpoint(this, node, incarnation);
    }

    SimListener bind(SimEndpoint endpoint, String address, ConnectionHandler handler) throws IOException {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        SimListener existing = listeners.get(address);
        if (existing != null && existing.isOpen()) {
            throw new BindException("address already in use: " + address);
        }
        SimListener listener = new SimListener(this, endpoint, address, handler);
        listeners.put(address, listener);
        return listener;
    }

    void unbind(SimListener listener) {
        listeners.remove(listener.address(), listener);
    }

    CompletableFuture<Connection> connect(SimEndpoint client, String address, ConnectionHandler handler) {
        CompletableFuture<Connection> future = new CompletableFuture<>();
        if (!client.isAlive()) {
            return future; // a dead process gets no answers
        }
        SimListener target = listeners.get(address);
        SimNode server = target != null && target.isOpen() ? target.endpoint.node() : null;
        // The SYN needs a destination to compute latency; to nowhere it "travels" the client's own link.
        long synNanos = server == null ? latencyNanos(client.node(), client.node()) : latencyNanos(client.node(), server);
        world.enqueue(world.nowNanos() + synNanos, null, 0, () -> synArrives(client, address, handler, future));
        return future;
    }

    /** A world-level event: the SYN reaches the address's node, or nothing. */
    private void synArrives(SimEndpoint client, String address, ConnectionHandler handler,
            CompletableFuture<Connection> future) {
        if (!client.isAlive()) {
            return;
        }
        SimListener target = listeners.get(address);
        if (target == null || !target.isOpen()) {
            failConnect(client, future, latencyNanos(client.node(), client.node()),
                    new ConnectException("connection refused: nothing listens at " + address));
            return;
        }
        SimEndpoint server = target.endpoint;
        if (isBlocked(client.node(), server.node()) || isBlocked(server.node(), client.node())) {
            failConnect(client, future, world.config().connectTimeoutMs() * 1_000_000L,
                    new ConnectException("connect timed out: " + address + " unreachable"));
            return;
        }
        SimConnection serverEnd = new SimConnection(this, server, nextConnectionId++, address,
                client.nextLocalAddress(), target.handler, null, SimConnection.State.OPEN);
        SimConnection clientEnd = new SimConnection(this, client, nextConnectionId++, serverEnd.remoteAddress(),
                address, handler, future, SimConnection.State.CONNECTING);
        serverEnd.link(clientEnd);
        clientEnd.link(serverEnd);
        server.register(serverEnd);
        client.register(clientEnd);
        connections.put(serverEnd.id(), serverEnd);
        connections.put(clientEnd.id(), clientEnd);
        world.trace().record(TraceKinds.CONNECTION_OPENED, serverEnd.id(), clientEnd.id());
        world.enqueue(world.nowNanos(), server.node(), server.incarnation(), serverEnd::accepted);
        // The SYN-ACK: first item on the server-to-client pipe, so it precedes anything the server sends.
        serverEnd.out().enqueue(SimPipe.Kind.OPEN, null, null);
    }

    private void failConnect(SimEndpoint client, CompletableFuture<Connection> future, long delayNanos,
            Throwable cause) {
        world.trace().record(TraceKinds.CONNECT_FAILED, client.node().idHash());
        world.enqueue(world.nowNanos() + delayNanos, client.node(), client.incarnation(),
                () -> world.runUserCode(client.node(), () -> future.completeExceptionally(cause)));
    }

    // ---- called by nodes and pipes ----

    /** A node incarnation died: its listeners vanish and its connections reset as described above. */
    void onEndpointDown(SimEndpoint endpoint, boolean powerLoss) {
        endpoint.markDead();
        for (SimListener l : new ArrayList<>(endpoint.listeners())) {
            listeners.remove(l.address(), l);
        }
        for (SimConnection end : endpoint.liveConnections()) {
            end.killSilently();
            SimConnection peer = end.peer();
            peer.out().clear();
            IOException cause = new IOException("connection reset by peer " + end.node().id());
            if (powerLoss) {
                end.out().clear();
                end.out().enqueueAfter(SimPipe.Kind.RST, null, cause, world.config().resetAfterMs() * 1_000_000L);
            } else {
                end.out().enqueue(SimPipe.Kind.RST, null, cause);
            }
            forgetIfDead(end);
        }
    }

    void forgetIfDead(SimConnection end) {
        if (end.isClosed() && end.peer().isClosed()) {
            connections.remove(end.id());
            connections.remove(end.peer().id());
        }
    }

    long latencyNanos(SimNode from, SimNode to) {
        SimConfig c = world.config();
        long min = c.minLinkLatencyMicros();
        long span = c.maxLinkLatencyMicros() - min + 1;
        long linkSeed = TraceHash.deriveSeed(world.seed(), "link:" + from.id() + ">" + to.id());
        long baseMicros = min + Math.floorMod(linkSeed, span);
        long jitterMicros = c.jitterMicros() == 0 ? 0 : random.nextLong(c.jitterMicros() + 1);
        long clog = clogNanos.getOrDefault(pairKey(from.id(), to.id()), 0L);
        return (baseMicros + jitterMicros) * 1_000L + clog;
    }

    boolean isBlocked(SimNode from, SimNode to) {
        for (Rule rule : rules.values()) {
            if (rule.blocks(from.id(), to.id())) {
                return true;
            }
        }
        return false;
    }

    private void resetCrossing(Rule rule) {
        for (SimConnection end : new ArrayList<>(connections.values())) {
            if (end.isClosed()) {
                continue;
            }
            String a = end.node().id();
            String b = end.peer().node().id();
            if (rule.blocks(a, b) || rule.blocks(b, a)) {
                resetPair(end, new IOException("connection reset: partitioned for more than "
                        + world.config().resetAfterMs() + " ms"));
            }
        }
    }

    private void resetPair(SimConnection end, Throwable cause) {
        end.resetLocally(cause);
        end.peer().resetLocally(cause);
        // In flight both ways is lost; clear again in case the peer was already closed.
        end.out().clear();
        end.peer().out().clear();
        forgetIfDead(end);
    }

    private void kickAll() {
        for (SimConnection end : connections.values()) {
            end.out().kick();
        }
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }

    private static long hashOfSet(Set<String> nodes) {
        TraceHash h = new TraceHash();
        for (String n : new TreeSet<>(nodes)) {
            h.add(n);
        }
        return h.value();
    }
}
