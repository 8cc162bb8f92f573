package io.gantry.simulation.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.PutIndex;
import io.gantry.store.FlushDiskType;
import org.junit.jupiter.api.Test;

/** The cluster checkers over hand-written histories. */
class ClusterCheckersTest {

    private static final String AT_A = "T@broker-a";
    private static final String AT_B = "T@broker-b";

    private static void send(History h, String value, String where, int queue, long offset, String status, String shard) {
        h.add(0, "p", HistoryEntry.Type.INVOKE, "put", value, "T", -1, -1, -1, null, 7, shard == null ? null : "shard=" + shard);
        h.add(1, "p", HistoryEntry.Type.OK, "put", value, where, queue, offset, -1, status, 0, null);
    }

    private static void read(History h, String who, String value, String where, int queue, long offset) {
        h.add(2, who, HistoryEntry.Type.READ, "read", value, where, queue, offset, -1, "FOUND", 7, -1, null);
    }

    private static void fault(History h, String kind, String target) {
        h.add(1, "nemesis", HistoryEntry.Type.FAULT, kind, target, null, -1, -1, -1, null, 0, null);
    }

    private static CheckResult check(Checker c, History h, FlushDiskType flush) {
        CheckInput input = new CheckInput(h, flush, false, true, false, 0, 60_000, 0, 0, 10);
        return c.finish(input, new PutIndex(h));
    }

    @Test
    void aPowerLossExcusesLossesOnlyOnTheBrokerItStruck() {
        History h = new History();
        send(h, "a1", AT_A, 0, 0, "SEND_OK", null);
        send(h, "b1", AT_B, 0, 0, "SEND_OK", null);
        fault(h, "power-loss", "broker-b");

        assertThat(check(ClusterLossCheckers.lost(), h, FlushDiskType.ASYNC_FLUSH).violations())
                .as("a1 lost on broker-a, which lost no power").isEqualTo(1);
        assertThat(check(ClusterLossCheckers.allowedLoss(), h, FlushDiskType.ASYNC_FLUSH).count())
                .as("b1 lost on broker-b after its power loss").isEqualTo(1);
        assertThat(check(ClusterLossCheckers.lost(), h, FlushDiskType.SYNC_FLUSH).violations())
                .as("SEND_OK under SYNC_FLUSH survives power loss").isEqualTo(2);
    }

    @Test
    void flushDiskTimeoutMayBeLostOnPowerLoss() {
        History h = new History();
        send(h, "a1", AT_A, 0, 0, "FLUSH_DISK_TIMEOUT", null);
        fault(h, "power-loss", "broker-a");
        assertThat(check(ClusterLossCheckers.lost(), h, FlushDiskType.SYNC_FLUSH).violations()).isZero();
        assertThat(check(ClusterLossCheckers.allowedLoss(), h, FlushDiskType.SYNC_FLUSH).count()).isEqualTo(1);
    }

    @Test
    void orderFlagsAKeyDeliveredOutOfSendOrderOnOneQueue() {
        History h = new History();
        send(h, "k1.0", AT_A, 1, 0, "SEND_OK", "k1");
        send(h, "k1.1", AT_A, 1, 1, "SEND_OK", "k1");
        send(h, "k1.2", AT_A, 1, 2, "SEND_OK", "k1");
        read(h, "c1", "k1.0", AT_A, 1, 0);
        read(h, "c1", "k1.2", AT_A, 1, 2);
        read(h, "c2", "k1.1", AT_A, 1, 1);
        read(h, "c2", "k1.2", AT_A, 1, 2);

        CheckResult r = check(new OrderChecker(), h, FlushDiskType.SYNC_FLUSH);
        assertThat(r.violations()).isEqualTo(1);
        assertThat(r.examples().get(0)).contains("k1.1");
    }

    @Test
    void orderAcceptsRedeliveriesAndKeysThatMovedBroker() {
        History h = new History();
        send(h, "k1.0", AT_A, 1, 0, "SEND_OK", "k1");
        send(h, "k1.1", AT_B, 3, 0, "SEND_OK", "k1");
        send(h, "k1.2", AT_A, 1, 1, "SEND_OK", "k1");
        read(h, "c1", "k1.1", AT_B, 3, 0);
        read(h, "c1", "k1.0", AT_A, 1, 0);
        read(h, "c1", "k1.2", AT_A, 1, 1);
        read(h, "c2", "k1.0", AT_A, 1, 0);

        assertThat(check(new OrderChecker(), h, FlushDiskType.SYNC_FLUSH).violations()).isZero();
    }

    @Test
    void unexpectedFlagsADeliveryAwayFromWhereItsAckSaid() {
        History h = new History();
        send(h, "v1", AT_A, 0, 5, "SEND_OK", null);
        read(h, "c1", "v1", AT_A, 0, 6);
        read(h, "c1", "ghost", AT_A, 0, 7);

        CheckResult r = check(new DeliveryUnexpectedChecker(), h, FlushDiskType.SYNC_FLUSH);
        assertThat(r.violations()).isEqualTo(2);
    }

    @Test
    void committedOffsetsMayOnlyGoBackAfterAFaultOrRebalance() {
        CommittedOffsetsChecker c = new CommittedOffsetsChecker();
        c.sample("broker-a", 1, "T/0", 10, 1_000, false);
        c.sample("broker-a", 1, "T/0", 8, 2_000, false);
        c.sample("broker-a", 2, "T/0", 3, 3_000, true);
        c.sample("broker-a", 2, "T/0", 9, 4_000, true);
        c.sample("broker-a", 2, "T/0", 7, 5_000, true);

        CheckResult r = c.finish(null, null);
        assertThat(r.violations()).as("only the quiet backward move").isEqualTo(1);
        assertThat(r.count()).isEqualTo(2);
    }
}
