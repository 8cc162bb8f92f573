package io.gantry.simulation.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.config.BrokerRole;
import io.gantry.protocol.body.MessageModel;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.PutIndex;
import io.gantry.store.FlushDiskType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster {@code lost} / {@code allowed-loss} checkers for groups with a slave, over hand-written
 * histories: the master/slave table with faults scoped to the group's master (node {@code broker-a})
 * and its slave (node {@code broker-a-s1}).
 */
class MasterSlaveLossesTest {

    private static ClusterSpec spec(BrokerRole role, FlushDiskType flush) {
        return new ClusterSpec(1, List.of(new ClusterSpec.GroupSpec("broker-a", role, flush, 1)), 1, 1,
                ClusterSpec.ConsumerKind.PUSH_CONCURRENT, MessageModel.CLUSTERING, ClusterSpec.Workload.QUEUE, 4,
                ClusterScenario.ALL_KINDS, 30_000);
    }

    private static void send(History h, String value, String status) {
        h.add(0, "p", HistoryEntry.Type.INVOKE, "put", value, "T", -1, -1, -1, null, 7, null);
        h.add(1, "p", HistoryEntry.Type.OK, "put", value, "T@broker-a", 0, 0, -1, status, 0, null);
    }

    private static void fault(History h, String kind, String target) {
        h.add(2, "nemesis", HistoryEntry.Type.FAULT, kind, target, null, -1, -1, -1, null, 0, null);
    }

    private static long lost(History h, ClusterSpec spec) {
        return run(ClusterLossCheckers.lost(spec), h, spec).violations();
    }

    private static long allowed(History h, ClusterSpec spec) {
        return run(ClusterLossCheckers.allowedLoss(spec), h, spec).count();
    }

    private static CheckResult run(Checker c, History h, ClusterSpec spec) {
        CheckInput input = new CheckInput(h, spec.flushDiskType(), false, true, false, 0, 60_000, 0, 0, 10);
        return c.finish(input, new PutIndex(h));
    }

    @Test
    void syncMasterSendOkSurvivesEveryFaultOfTheMaster() {
        ClusterSpec s = spec(BrokerRole.SYNC_MASTER, FlushDiskType.SYNC_FLUSH);
        History h = new History();
        send(h, "a1", "SEND_OK");
        fault(h, "power-loss", "broker-a");
        fault(h, "crash", "broker-a");
        assertThat(lost(h, s)).isEqualTo(1);
        assertThat(allowed(h, s)).isZero();
    }

    @Test
    void syncMasterReplicationTimeoutsMayBeLostOnTheMastersPowerLossOnly() {
        ClusterSpec s = spec(BrokerRole.SYNC_MASTER, FlushDiskType.ASYNC_FLUSH);
        History h = new History();
        send(h, "a1", "FLUSH_SLAVE_TIMEOUT");
        send(h, "a2", "SLAVE_NOT_AVAILABLE");
        fault(h, "crash", "broker-a");
        fault(h, "power-loss", "broker-a-s1");
        assertThat(lost(h, s)).as("a crash of the master and the slave's power loss keep both").isEqualTo(2);
        fault(h, "power-loss", "broker-a");
        assertThat(lost(h, s)).isZero();
        assertThat(allowed(h, s)).isEqualTo(2);
    }

    @Test
    void asyncMasterSendOkMayBeLostOnTheMastersPowerLossNotTheSlaves() {
        ClusterSpec s = spec(BrokerRole.ASYNC_MASTER, FlushDiskType.ASYNC_FLUSH);
        History slaveOnly = new History();
        send(slaveOnly, "a1", "SEND_OK");
        fault(slaveOnly, "power-loss", "broker-a-s1");
        assertThat(lost(slaveOnly, s)).as("a fault of the slave alone never loses").isEqualTo(1);

        History master = new History();
        send(master, "a1", "SEND_OK");
        fault(master, "power-loss", "broker-a");
        assertThat(lost(master, s)).isZero();
        assertThat(allowed(master, s)).isEqualTo(1);
    }

    @Test
    void powerLossOfBothMachinesKeepsOnlyTheMastersSingleStoreRow() {
        // SYNC_MASTER + ASYNC_FLUSH SEND_OK: the HA row already allows the master's power loss.
        // SYNC_MASTER + SYNC_FLUSH FLUSH_SLAVE_TIMEOUT: the master's flush is unknown, so both power losses may lose it.
        ClusterSpec s = spec(BrokerRole.ASYNC_MASTER, FlushDiskType.SYNC_FLUSH);
        History h = new History();
        send(h, "ok", "SEND_OK");
        send(h, "timeout", "FLUSH_DISK_TIMEOUT");
        fault(h, "crash", "broker-a");
        fault(h, "power-loss", "broker-a-s1");
        assertThat(lost(h, s)).as("crash of the master: both kept").isEqualTo(2);

        History both = new History();
        send(both, "ok", "SEND_OK");
        send(both, "timeout", "FLUSH_DISK_TIMEOUT");
        fault(both, "power-loss", "broker-a");
        fault(both, "power-loss", "broker-a-s1");
        assertThat(lost(both, s)).as("the master forced SEND_OK under SYNC_FLUSH").isEqualTo(1);
        assertThat(allowed(both, s)).as("FLUSH_DISK_TIMEOUT: power loss of both").isEqualTo(1);

        ClusterSpec sync = spec(BrokerRole.SYNC_MASTER, FlushDiskType.SYNC_FLUSH);
        assertThat(ClusterLosses.haMayLose(sync.groups().get(0), "SEND_OK", java.util.Set.of(
                io.gantry.simulation.harness.FaultClass.POWER_LOSS), java.util.Set.of(
                io.gantry.simulation.harness.FaultClass.POWER_LOSS))).isFalse();
        assertThat(ClusterLosses.haMayLose(sync.groups().get(0), "FLUSH_SLAVE_TIMEOUT", java.util.Set.of(),
                java.util.Set.of(io.gantry.simulation.harness.FaultClass.POWER_LOSS))).isFalse();
        assertThat(ClusterLosses.haMayLose(sync.groups().get(0), "SOMETHING_ELSE", java.util.Set.of(),
                java.util.Set.of())).as("an unknown status promises nothing").isTrue();
    }

    @Test
    void groupsWithoutSlavesKeepTheSingleStoreRows() {
        ClusterSpec s = new ClusterSpec(1, List.of(ClusterSpec.GroupSpec.master("broker-a", FlushDiskType.ASYNC_FLUSH)),
                1, 1, ClusterSpec.ConsumerKind.PUSH_CONCURRENT, MessageModel.CLUSTERING, ClusterSpec.Workload.QUEUE, 4,
                ClusterScenario.ALL_KINDS, 30_000);
        History h = new History();
        send(h, "a1", "SEND_OK");
        fault(h, "power-loss", "broker-a");
        assertThat(lost(h, s)).isZero();
        assertThat(allowed(h, s)).isEqualTo(1);
    }
}
