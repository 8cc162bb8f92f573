package io.gantry.simulation.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.config.BrokerRole;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimWorld;
import io.gantry.store.FlushDiskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Master/slave replication on the real broker code in the simulation: the guarantees of docs/guarantees.md. */
class HaReplicationSimulationTest {

    private static HaSimSupport cluster(long seed, BrokerRole role, long flushIntervalMs) {
        SimWorld world = new SimWorld(SimConfig.defaults(seed));
        HaCluster c = new HaCluster(world, role, HaCluster.smallStore(FlushDiskType.ASYNC_FLUSH, flushIntervalMs));
        assertThat(c.inSync()).as("slave in sync after start").isTrue();
        return new HaSimSupport(c);
    }

    /**
     * Issues {@code count} sends, a random 0-2 ms apart, and cuts the master's power at a random one of
     * them; returns the slave's commit-log end at that moment.
     */
    private static long burstThenPowerLoss(HaSimSupport sim, int count) {
        int cutAt = 10 + sim.world.random().nextInt(count - 10);
        long slaveOffset = -1;
        for (int i = 0; i < count; i++) {
            sim.send(i % 4);
            sim.world.runFor(sim.world.random().nextInt(3));
            if (i == cutAt) {
                sim.cluster.masterNode().powerLoss();
                slaveOffset = sim.cluster.slave().store().getMaxPhyOffset();
            }
        }
        sim.world.runFor(100);
        return slaveOffset;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void syncMasterPowerLossKeepsEverySendOkOnTheSlave(long seed) {
        HaSimSupport sim = cluster(seed, BrokerRole.SYNC_MASTER, 10_000);
        sim.sendSequentially(20, 10_000);
        burstThenPowerLoss(sim, 80);

        List<HaSimSupport.Sent> ok = sim.sent.stream().filter(s -> s.answered(ResponseCode.SUCCESS)).toList();
        assertThat(ok).as("some sends were acknowledged").isNotEmpty();
        for (HaSimSupport.Sent s : ok) {
            assertThat(sim.bodyOnSlave(s)).as("SEND_OK message %s readable from the slave", s.body).isEqualTo(s.body);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void asyncMasterPowerLossLosesOnlyPastTheSlaveOffset(long seed) {
        HaSimSupport sim = cluster(seed, BrokerRole.ASYNC_MASTER, 10_000);
        sim.sendSequentially(10, 10_000);
        long slaveOffset = burstThenPowerLoss(sim, 80);

        int covered = 0;
        for (HaSimSupport.Sent s : sim.sent) {
            if (!s.answered(ResponseCode.SUCCESS)) {
                continue;
            }
            String onSlave = sim.bodyOnSlave(s);
            if (s.physicalOffset() < slaveOffset) {
                covered++;
                assertThat(onSlave).as("SEND_OK %s below the slave's offset %d", s.body, slaveOffset).isEqualTo(s.body);
            } else {
                assertThat(onSlave).as("a message past the slave's offset is absent, never another one")
                        .isIn(null, s.body);
            }
        }
        assertThat(covered).isPositive();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void restartedSlaveCatchesUp(long seed) {
        HaSimSupport sim = cluster(seed, BrokerRole.ASYNC_MASTER, 500);
        sim.sendSequentially(10, 10_000);
        if (seed % 2 == 0) {
            sim.cluster.slaveNode().powerLoss();
        } else {
            sim.cluster.slaveNode().crash();
        }
        List<HaSimSupport.Sent> whileDown = sim.sendSequentially(30, 10_000);
        assertThat(whileDown).allMatch(s -> s.answered(ResponseCode.SUCCESS));
        sim.cluster.restartSlave();
        assertThat(sim.cluster.awaitInSync(60_000)).as("slave caught up").isTrue();
        ReplicaInvariant.check(sim.cluster.master().store(), sim.cluster.slave().store());
        for (HaSimSupport.Sent s : sim.sent) {
            assertThat(sim.bodyOnSlave(s)).isEqualTo(s.body);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10})
    void partitionedSyncMasterNeverAnswersSendOk(long seed) {
        HaSimSupport sim = cluster(seed, BrokerRole.SYNC_MASTER, 500);
        assertThat(sim.sendSequentially(5, 10_000)).allMatch(s -> s.answered(ResponseCode.SUCCESS));
        long rule = sim.world.network().partition(Set.of("master"), Set.of("slave"));
        List<HaSimSupport.Sent> during = sim.sendSequentially(8, 40_000);
        sim.world.runFor(25_000);
        during.addAll(sim.sendSequentially(4, 40_000));
        List<Integer> codes = new ArrayList<>();
        for (HaSimSupport.Sent s : during) {
            assertThat(s.response).isDone();
            codes.add(s.response.join().code());
        }
        assertThat(codes).as("no SEND_OK while the slave is cut off")
                .allMatch(c -> c == ResponseCode.FLUSH_SLAVE_TIMEOUT || c == ResponseCode.SLAVE_NOT_AVAILABLE);
        assertThat(codes).contains(ResponseCode.SLAVE_NOT_AVAILABLE);

        sim.world.network().heal(rule);
        assertThat(sim.cluster.awaitInSync(60_000)).isTrue();
        assertThat(sim.sendSequentially(3, 10_000)).allMatch(s -> s.answered(ResponseCode.SUCCESS));
        ReplicaInvariant.check(sim.cluster.master().store(), sim.cluster.slave().store());
    }
}
