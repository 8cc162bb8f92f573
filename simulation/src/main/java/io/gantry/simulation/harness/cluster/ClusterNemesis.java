package io.gantry.simulation.harness.cluster;

import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.TraceHash;
import io.gantry.simulation.harness.FaultEvent;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.simulation.harness.Nemesis;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Applies cluster faults. Process faults (crash, power loss, pause, clock jump and skew) strike a
 * server (nameserver or broker) chosen by the event's argument; disk faults strike a broker;
 * network faults (random halves, one node isolated, a majorities ring, a bridge, one way, a
 * clogged link, connection resets) span servers and clients. A crashed server restarts after the
 * event's duration; a partition or clog ends after it. A supervisor restarts a broker whose store
 * turned read-only (after a failed write or force), as an operator would.
 *
 * <p>Each fault is recorded with the target node in the entry's {@code value}, so the loss
 * checkers can tell which broker a power loss struck.
 */
final class ClusterNemesis implements Nemesis {

    static final long SUPERVISE_EVERY_MS = 500;
    static final long SUPERVISOR_RESTART_DELAY_MS = 200;
    static final long MAX_CLOCK_JUMP_MS = 3_600_000;
    static final long MAX_DRIFT_PPM = 50_000;
    static final int MAX_EIO_COUNT = 4;
    static final long MAX_ENOSPC_HEADROOM_BYTES = 64 * 1024;
    static final long MAX_SLOW_DISK_MICROS = 2_000_000;
    static final long MAX_CLOG_MS = 2_000;

    private final SimWorld world;
    private final History history;
    private final List<ServerProcess> servers;
    private final List<BrokerProcess> brokers;
    /** Nodes network faults may cut: servers and workload clients, in a fixed order. */
    private final List<String> networkNodes;
    private final long diskCapacityBytes;
    private final Map<String, Integer> applied = new TreeMap<>();
    private boolean healed;

    ClusterNemesis(SimWorld world, History history, List<ServerProcess> servers, List<BrokerProcess> brokers,
                   List<String> networkNodes) {
        this.world = world;
        this.history = history;
        this.servers = List.copyOf(servers);
        this.brokers = List.copyOf(brokers);
        this.networkNodes = List.copyOf(networkNodes);
        this.diskCapacityBytes = world.config().diskCapacityBytes();
    }

    Map<String, Integer> applied() {
        return applied;
    }

    void startSupervisor() {
        world.schedule(SUPERVISE_EVERY_MS, this::supervise);
    }

    private void supervise() {
        for (BrokerProcess b : brokers) {
            String reason = b.readOnlyReason();
            if (reason != null && b.kill(FaultKind.CRASH)) {
                history.add(world.nowMs(), "supervisor", HistoryEntry.Type.FAULT, FaultKind.CRASH.label(), b.id(),
                        null, -1, -1, -1, null, 0, "restart read-only broker: " + reason);
                b.restartAfter(SUPERVISOR_RESTART_DELAY_MS);
            }
        }
        world.schedule(SUPERVISE_EVERY_MS, this::supervise);
    }

    @Override
    public void apply(FaultEvent e) {
        if (healed) {
            return;
        }
        SplittableRandom pick = new SplittableRandom(TraceHash.mix(e.arg()));
        boolean done = switch (e.kind()) {
            case CRASH, POWER_LOSS -> {
                // Brokers hold the data: three in four process faults strike one.
                ServerProcess s = pick.nextInt(4) > 0 ? brokers.get(pick.nextInt(brokers.size()))
                        : servers.get(pick.nextInt(servers.size()));
                if (!s.kill(e.kind())) {
                    yield false;
                }
                s.restartAfter(e.durationMs());
                yield record(e, s.id(), "restart in " + e.durationMs() + " ms");
            }
            case PAUSE -> {
                SimNode node = servers.get(pick.nextInt(servers.size())).node();
                if (!node.isUp() || node.isPaused()) {
                    yield false;
                }
                node.pause(e.durationMs());
                yield record(e, node.id(), "paused " + e.durationMs() + " ms");
            }
            case CLOCK_JUMP -> {
                SimNode node = servers.get(pick.nextInt(servers.size())).node();
                long jumpMs = pick.nextLong(-MAX_CLOCK_JUMP_MS, MAX_CLOCK_JUMP_MS + 1);
                node.clock().jumpWallClock(jumpMs);
                yield record(e, node.id(), "wall clock " + jumpMs + " ms");
            }
            case CLOCK_SKEW -> {
                SimNode node = servers.get(pick.nextInt(servers.size())).node();
                long ppm = pick.nextLong(-MAX_DRIFT_PPM, MAX_DRIFT_PPM + 1);
                node.clock().setDriftPpm(ppm);
                world.schedule(e.durationMs(), () -> node.clock().setDriftPpm(0));
                yield record(e, node.id(), "drift " + ppm + " ppm for " + e.durationMs() + " ms");
            }
            case WRITE_EIO, FORCE_EIO, ENOSPC, SLOW_DISK -> diskFault(e, brokers.get(pick.nextInt(brokers.size())), pick);
            case BIT_FLIP -> false;
            case PARTITION_HALVES -> {
                List<String> order = shuffled(pick);
                int cut = 1 + pick.nextInt(order.size() - 1);
                yield cut(e, order.subList(0, cut), order.subList(cut, order.size()), false, "halves");
            }
            case ISOLATE -> {
                String node = networkNodes.get(pick.nextInt(networkNodes.size()));
                long rule = world.network().isolate(node);
                world.schedule(e.durationMs(), () -> world.network().heal(rule));
                yield record(e, node, "isolated for " + e.durationMs() + " ms");
            }
            case PARTITION_RING -> ring(e, pick);
            case PARTITION_BRIDGE -> {
                List<String> order = shuffled(pick);
                if (order.size() < 3) {
                    yield false;
                }
                int cut = 1 + (order.size() - 1) / 2;
                yield cut(e, order.subList(1, cut), order.subList(cut, order.size()), false, "bridge " + order.get(0));
            }
            case PARTITION_ONE_WAY -> {
                List<String> order = shuffled(pick);
                int cut = 1 + pick.nextInt(order.size() - 1);
                yield cut(e, order.subList(0, cut), order.subList(cut, order.size()), true, "one way");
            }
            case CLOG -> {
                List<String> order = shuffled(pick);
                String a = order.get(0);
                String b = order.get(1);
                long extraMs = 1 + pick.nextLong(MAX_CLOG_MS);
                world.network().clog(a, b, extraMs);
                world.schedule(e.durationMs(), () -> world.network().clog(a, b, 0));
                yield record(e, a, "+" + extraMs + " ms to " + b + " for " + e.durationMs() + " ms");
            }
            case CONNECTION_RESET -> {
                String node = networkNodes.get(pick.nextInt(networkNodes.size()));
                int resets = 0;
                for (String other : networkNodes) {
                    if (!other.equals(node)) {
                        resets += world.network().resetBetween(node, other);
                    }
                }
                yield record(e, node, resets + " connections reset");
            }
        };
        if (done) {
            applied.merge(e.kind().label(), 1, Integer::sum);
        }
    }

    private boolean diskFault(FaultEvent e, BrokerProcess broker, SplittableRandom pick) {
        SimNode node = broker.node();
        switch (e.kind()) {
            case WRITE_EIO -> {
                int n = 1 + pick.nextInt(MAX_EIO_COUNT);
                node.disk().faults().failNextWrites(n);
                return record(e, node.id(), "next " + n + " writes fail");
            }
            case FORCE_EIO -> {
                int n = 1 + pick.nextInt(MAX_EIO_COUNT);
                node.disk().faults().failNextForces(n);
                return record(e, node.id(), "next " + n + " forces fail");
            }
            case ENOSPC -> {
                // Keep use under the store's forced-clean ratio (95 %): past it, retention deletes the oldest
                // segments by design (RocketMQ's policy), which would be the harness losing data, not the broker.
                long used = node.disk().bytesUsed();
                long headroom = Math.max(pick.nextLong(MAX_ENOSPC_HEADROOM_BYTES), used * 6 / 94 + 1);
                node.disk().setCapacityBytes(Math.min(diskCapacityBytes, used + headroom));
                world.schedule(e.durationMs(), () -> node.disk().setCapacityBytes(diskCapacityBytes));
                return record(e, node.id(), "capacity used+" + headroom + " for " + e.durationMs() + " ms");
            }
            case SLOW_DISK -> {
                long micros = pick.nextLong(MAX_SLOW_DISK_MICROS);
                node.disk().faults().extraLatencyMicros(micros);
                world.schedule(e.durationMs(), () -> node.disk().faults().extraLatencyMicros(0));
                return record(e, node.id(), "+" + micros + " us per disk op for " + e.durationMs() + " ms");
            }
            default -> throw new AssertionError(e.kind());
        }
    }

    /** Each node sees only its ring neighbours within a majority's reach; everything farther is cut. */
    private boolean ring(FaultEvent e, SplittableRandom pick) {
        List<String> order = shuffled(pick);
        int n = order.size();
        if (n < 4) {
            return false;
        }
        int reach = Math.max(1, n / 4);
        List<Long> rules = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int d = Math.min(j - i, n - (j - i));
                if (d > reach) {
                    rules.add(world.network().partition(Set.of(order.get(i)), Set.of(order.get(j))));
                }
            }
        }
        world.schedule(e.durationMs(), () -> rules.forEach(world.network()::heal));
        return record(e, null, "ring " + order + " reach " + reach + " for " + e.durationMs() + " ms");
    }

    private boolean cut(FaultEvent e, List<String> a, List<String> b, boolean oneWay, String what) {
        Set<String> left = new LinkedHashSet<>(a);
        Set<String> right = new LinkedHashSet<>(b);
        long rule = oneWay ? world.network().partitionOneWay(left, right) : world.network().partition(left, right);
        world.schedule(e.durationMs(), () -> world.network().heal(rule));
        return record(e, null, what + " " + left + (oneWay ? " -> " : " | ") + right + " for " + e.durationMs() + " ms");
    }

    private List<String> shuffled(SplittableRandom pick) {
        List<String> order = new ArrayList<>(networkNodes);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = pick.nextInt(i + 1);
            String t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        return order;
    }

    private boolean record(FaultEvent e, String target, String detail) {
        history.add(world.nowMs(), "nemesis", HistoryEntry.Type.FAULT, e.kind().label(), target, null, -1, -1, -1,
                null, 0, detail);
        return true;
    }

    @Override
    public void healAll() {
        healed = true;
        world.network().heal();
        world.network().unclogAll();
        for (ServerProcess s : servers) {
            SimNode node = s.node();
            node.disk().faults().clear();
            node.disk().setCapacityBytes(diskCapacityBytes);
            node.clock().setDriftPpm(0);
            if (node.isUp() && node.isPaused()) {
                node.resume();
            }
            if (s instanceof BrokerProcess b && b.readOnlyReason() != null) {
                b.kill(FaultKind.CRASH);
                history.add(world.nowMs(), "supervisor", HistoryEntry.Type.FAULT, FaultKind.CRASH.label(), b.id(),
                        null, -1, -1, -1, null, 0, "restart read-only broker at heal");
            }
            s.start();
        }
    }
}
