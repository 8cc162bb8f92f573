package io.gantry.simulation.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.config.BrokerRole;
import io.gantry.broker.ha.HaFrames;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimWorld;
import io.gantry.store.FlushDiskType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Named regressions for the RocketMQ HA bugs of the HA issue that the harness's scenarios do not
 * provoke on their own: a slave's reported offset is never believed beyond what the master holds and
 * sent (RocketMQ #3015 / #1155). The others have their own tests: #1094 (a slave's newer consumer
 * offset kept) in {@code HaMetadataSimulationTest}, #10666 (a crash during truncation) in
 * {@code HaDivergenceSimulationTest}.
 */
class HaRegressionSimulationTest {

    /** A fake slave on its own node, speaking raw HA frames to the master. */
    private static final class RogueSlave {
        final List<ByteBuffer> received = new ArrayList<>();
        final NodeContext node;
        Connection connection;
        boolean closed;

        RogueSlave(SimWorld world, String masterHaAddress) {
            node = world.addNode("rogue").context();
            node.scheduler().execute(() -> node.network().connect(masterHaAddress, new ConnectionHandler() {
                @Override
                public void onFrame(Connection c, ByteBuffer frame) {
                    received.add(frame);
                }

                @Override
                public void onClose(Connection c, Throwable cause) {
                    closed = true;
                }
            }).whenComplete((c, e) -> connection = c));
            world.runUntil(() -> connection != null, 5_000);
        }

        void send(ByteBuffer frame) {
            node.scheduler().execute(() -> connection.send(frame));
        }
    }

    private static HaSimSupport syncMasterWithoutItsSlave(long seed) {
        SimWorld world = new SimWorld(SimConfig.defaults(seed));
        HaCluster c = new HaCluster(world, BrokerRole.SYNC_MASTER, HaCluster.smallStore(FlushDiskType.ASYNC_FLUSH, 100));
        HaSimSupport sim = new HaSimSupport(c);
        sim.sendSequentially(5, 10_000);
        c.slaveNode().crash();
        world.runUntil(() -> c.master().haServer().inSyncSlaves() == 0, 60_000);
        assertThat(c.master().haServer().inSyncSlaves()).as("the master dropped its crashed slave").isZero();
        return sim;
    }

    @Test
    void rocketmq3015and1155MasterNeverBelievesAnAckBeyondWhatItSent() {
        HaSimSupport sim = syncMasterWithoutItsSlave(31);
        long masterEnd = sim.cluster.master().store().getMaxPhyOffset();
        RogueSlave rogue = new RogueSlave(sim.world, sim.cluster.master().haAddress());
        // In sync at the master's end (no probes to check), then a send the rogue never received.
        rogue.send(HaFrames.hello(masterEnd, List.of()));
        sim.world.runUntil(() -> sim.cluster.master().haServer().inSyncSlaves() == 1, 5_000);
        assertThat(sim.cluster.master().haServer().ackedOffset()).isEqualTo(masterEnd);

        HaSimSupport.Sent s = sim.send(0);
        sim.world.runFor(50);
        rogue.send(HaFrames.ack(masterEnd + 1_000_000));
        sim.world.runUntil(s.response::isDone, 30_000);

        assertThat(rogue.closed).as("the master closed the connection of a slave claiming unsent bytes").isTrue();
        assertThat(sim.cluster.master().haServer().ackedOffset()).as("no in-sync slave left").isEqualTo(-1);
        assertThat(s.answered(ResponseCode.SUCCESS)).as("the send was not acknowledged on a bogus offset: " + s).isFalse();
        assertThat(s.answered(ResponseCode.FLUSH_SLAVE_TIMEOUT) || s.answered(ResponseCode.SLAVE_NOT_AVAILABLE))
                .as(String.valueOf(s)).isTrue();
    }

    @Test
    void rocketmq3015and1155MasterNeverBelievesAHelloBeyondItsEnd() {
        HaSimSupport sim = syncMasterWithoutItsSlave(32);
        long masterEnd = sim.cluster.master().store().getMaxPhyOffset();
        RogueSlave rogue = new RogueSlave(sim.world, sim.cluster.master().haAddress());
        rogue.send(HaFrames.hello(masterEnd + 1_000_000, List.of()));
        sim.world.runUntil(() -> rogue.closed, 5_000);

        assertThat(rogue.closed).as("a slave claiming more than the master holds is refused").isTrue();
        assertThat(sim.cluster.master().haServer().ackedOffset()).isEqualTo(-1);
        HaSimSupport.Sent s = sim.send(1);
        sim.world.runUntil(s.response::isDone, 30_000);
        assertThat(s.answered(ResponseCode.SLAVE_NOT_AVAILABLE)).as(String.valueOf(s)).isTrue();
    }
}
