package io.gantry.simulation.toy;

import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Runs the echo toy for one seed under a fault schedule drawn from that seed: partitions (both
 * ways and one way), connection resets, clogged links, server crashes, power losses and pauses,
 * and wall-clock jumps. Then everything heals and the run checks that echoes resume.
 *
 * <p>This is the foundation's determinism self-test: the same seed must give the same trace hash
 * on every run and every machine.
 */
public final class EchoScenario {

    /** How long faults are injected, in virtual time. */
    static final long FAULT_PHASE_MS = 30_000;
    /** How long the healed cluster runs before liveness is judged. */
    static final long SETTLE_PHASE_MS = 10_000;
    static final long MIN_FAULT_GAP_MS = 200;
    static final long MAX_FAULT_GAP_MS = 3_000;
    static final long MAX_FAULT_DURATION_MS = 5_000;

    static final String SERVER = "server";
    static final String CLIENT = "client";
    static final String SERVER_ADDRESS = "server:7000";

    private final SimWorld world;
    private final RandomGenerator random;
    private final Map<String, Integer> faults = new TreeMap<>();
    private EchoClient client;

    private EchoScenario(long seed) {
        this.world = SimWorld.create(seed);
        this.random = world.random();
    }

    /** Runs one seed and returns its outcome. */
    public static EchoRunResult run(long seed) {
        long startNanos = System.nanoTime();
        EchoScenario scenario = new EchoScenario(seed);
        return scenario.execute(startNanos);
    }

    private EchoRunResult execute(long startNanos) {
        SimNode server = world.addNode(SERVER);
        SimNode clientNode = world.addNode(CLIENT);
        startServer(server.context());
        NodeContext clientContext = clientNode.context();
        clientContext.scheduler().execute(() -> {
            client = new EchoClient(clientContext, SERVER_ADDRESS);
            client.start();
        });

        for (long atMs = nextGapMs(); atMs < FAULT_PHASE_MS; atMs += nextGapMs()) {
            world.schedule(atMs, () -> injectOneFault(server, clientNode));
        }
        world.runFor(FAULT_PHASE_MS);

        healEverything(server, clientNode);
        long echoedAtHeal = client.echoed();
        world.runFor(SETTLE_PHASE_MS);

        long wallMs = (System.nanoTime() - startNanos) / 1_000_000;
        return new EchoRunResult(
                world.seed(),
                world.traceHash(),
                world.nowMs(),
                wallMs,
                world.eventCount(),
                client.sent(),
                client.echoed(),
                client.orderViolations(),
                client.echoed() - echoedAtHeal,
                Collections.unmodifiableMap(faults));
    }

    private long nextGapMs() {
        return random.nextLong(MIN_FAULT_GAP_MS, MAX_FAULT_GAP_MS + 1);
    }

    private long faultDurationMs() {
        return random.nextLong(1, MAX_FAULT_DURATION_MS + 1);
    }

    private static void startServer(NodeContext context) {
        context.scheduler().execute(() -> new EchoServer(context, SERVER_ADDRESS).start());
    }

    private void injectOneFault(SimNode server, SimNode clientNode) {
        switch (random.nextInt(8)) {
            case 0 -> {
                long rule = world.network().partition(Set.of(SERVER), Set.of(CLIENT));
                world.schedule(faultDurationMs(), () -> world.network().heal(rule));
                count("partition");
            }
            case 1 -> {
                boolean towardsServer = random.nextBoolean();
                long rule = towardsServer
                        ? world.network().partitionOneWay(Set.of(CLIENT), Set.of(SERVER))
                        : world.network().partitionOneWay(Set.of(SERVER), Set.of(CLIENT));
                world.schedule(faultDurationMs(), () -> world.network().heal(rule));
                count("partition-one-way");
            }
            case 2 -> {
                world.network().resetBetween(SERVER, CLIENT);
                count("reset");
            }
            case 3 -> {
                world.network().clog(SERVER, CLIENT, random.nextLong(1, 500));
                world.schedule(faultDurationMs(), () -> world.network().clog(SERVER, CLIENT, 0));
                count("clog");
            }
            case 4 -> {
                if (server.isUp()) {
                    server.crash();
                    world.schedule(faultDurationMs(), () -> restartIfDown(server));
                    count("crash");
                }
            }
            case 5 -> {
                if (server.isUp()) {
                    server.powerLoss();
                    world.schedule(faultDurationMs(), () -> restartIfDown(server));
                    count("power-loss");
                }
            }
            case 6 -> {
                if (server.isUp() && !server.isPaused()) {
                    server.pause(faultDurationMs());
                    count("pause");
                }
            }
            default -> {
                clientNode.clock().jumpWallClock(random.nextLong(-60_000, 60_001));
                count("clock-jump");
            }
        }
    }

    private void restartIfDown(SimNode server) {
        if (!server.isUp()) {
            startServer(server.restart());
        }
    }

    private void healEverything(SimNode server, SimNode clientNode) {
        world.network().heal();
        world.network().unclogAll();
        for (SimNode node : new SimNode[] {server, clientNode}) {
            if (node.isPaused()) {
                node.resume();
            }
        }
        restartIfDown(server);
    }

    private void count(String kind) {
        faults.merge(kind, 1, Integer::sum);
    }
}
