package io.gantry.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.DiskFile;
import io.gantry.runtime.NodeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The whole world is a function of the seed: same seed, same trace; another seed, another trace. */
class DeterminismTest {

    private static final List<String> NODES = List.of("a", "b", "c");

    @Test
    void sameSeedGivesTheSameTraceAndAnotherSeedADifferentOne() {
        Outcome first = runScenario(1234);
        Outcome second = runScenario(1234);
        Outcome other = runScenario(1235);

        assertThat(first.eventCount()).isGreaterThan(1_000);
        assertThat(first.framesReceived()).isPositive();
        assertThat(second).isEqualTo(first);
        assertThat(other.traceHash()).isNotEqualTo(first.traceHash());
    }

    private record Outcome(long traceHash, long eventCount, long framesReceived) {
    }

    /** Three nodes gossip random frames and log them to disk while a seeded nemesis breaks things. */
    private static Outcome runScenario(long seed) {
        SimWorld world = new SimWorld(SimConfig.defaults(seed).withResetAfterMs(2_000));
        world.setFailOnTaskException(false);
        long[] frames = {0};
        for (String id : NODES) {
            boot(world.addNode(id).context(), frames);
        }
        RandomGenerator nemesis = world.random();
        for (int step = 0; step < 40; step++) {
            world.runFor(250);
            SimNode victim = world.node(NODES.get(nemesis.nextInt(NODES.size())));
            switch (nemesis.nextInt(6)) {
                case 0 -> world.network().partition(Set.of(victim.id()), Set.of("a", "b", "c"));
                case 1 -> world.network().heal();
                case 2 -> {
                    victim.crash();
                    boot(victim.restart(), frames);
                }
                case 3 -> {
                    victim.powerLoss();
                    boot(victim.restart(), frames);
                }
                case 4 -> victim.disk().faults().failNextForces(1);
                default -> victim.pause(nemesis.nextInt(1, 500));
            }
        }
        world.network().heal();
        world.runFor(5_000);
        return new Outcome(world.traceHash(), world.eventCount(), frames[0]);
    }

    private static void boot(NodeContext ctx, long[] framesReceived) {
        ctx.scheduler().execute(() -> new GossipNode(ctx, framesReceived).start());
    }

    /** A toy node: listens, keeps connecting to peers, sends random frames, appends what it gets to a log. */
    private static final class GossipNode implements ConnectionHandler {
        private final NodeContext ctx;
        private final long[] framesReceived;
        private final List<Connection> peers = new ArrayList<>();
        private DiskFile log;
        private long logEnd;

        GossipNode(NodeContext ctx, long[] framesReceived) {
            this.ctx = ctx;
            this.framesReceived = framesReceived;
        }

        void start() {
            try {
                ctx.network().listen(ctx.nodeId() + ":1", this);
                log = ctx.disk().open("log", true);
                logEnd = log.sizeBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ctx.scheduler().schedulePeriodic(0, 300, this::connectToPeers);
            ctx.scheduler().schedulePeriodic(ctx.random().nextInt(1, 50), 37, this::gossip);
            ctx.scheduler().schedulePeriodic(100, 200, () -> ctx.scheduler().offload(() -> {
                log.force();
                return null;
            }));
        }

        private void connectToPeers() {
            peers.removeIf(c -> !c.isOpen());
            if (peers.size() < 2) {
                String target = NODES.get(ctx.random().nextInt(NODES.size()));
                if (!target.equals(ctx.nodeId())) {
                    ctx.network().connect(target + ":1", this).thenAccept(peers::add);
                }
            }
        }

        private void gossip() {
            for (Connection c : peers) {
                byte[] payload = new byte[ctx.random().nextInt(4, 700)];
                ctx.random().nextBytes(payload);
                c.send(ByteBuffer.wrap(payload));
            }
        }

        @Override
        public void onFrame(Connection connection, ByteBuffer frame) {
            framesReceived[0]++;
            try {
                int n = frame.remaining();
                log.write(logEnd, frame);
                logEnd += n;
                if (ctx.random().nextInt(4) == 0) {
                    connection.send(ByteBuffer.wrap(new byte[] {(byte) ctx.clock().wallClockMs()}));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            peers.remove(connection);
        }
    }
}
