package io.gantry.simulation.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.broker.config.BrokerRole;
import io.gantry.protocol.body.MessageModel;
import io.gantry.simulation.harness.FaultEvent;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.FaultSchedule;
import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.simulation.harness.RunResult;
import io.gantry.simulation.harness.Scenario;
import io.gantry.simulation.harness.ScenarioCatalog;
import io.gantry.store.FlushDiskType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The broker-cluster scenarios: they build, acknowledge and deliver; the weak mode shows the losses
 * the contract allows; a broker that acknowledges before the force is caught; specs that cannot be
 * built yet are refused with a clear message.
 */
class ClusterScenariosTest {

    private static final int POTENCY_SEEDS = 6;

    @Test
    void aQuietRunAcknowledgesDeliversAndDrainsEverything() {
        ClusterScenario scenario = ClusterScenario.singleSync();
        FaultSchedule quiet = scenario.schedule(1).withEvents(List.of());
        RunResult r = scenario.run(quiet);

        assertThat(r.failedCheckers()).as(r.checks().toString()).isEmpty();
        long acked = r.history().entries().stream().filter(e -> e.type() == HistoryEntry.Type.OK).count();
        long drained = r.history().entries().stream()
                .filter(e -> e.type() == HistoryEntry.Type.READ && "drain".equals(e.process())).count();
        assertThat(acked).as("sends acknowledged in 30 quiet seconds").isGreaterThan(500);
        assertThat(drained).as("without faults the drain finds exactly what was acknowledged").isEqualTo(acked);
        assertThat(r.count("allowed-loss")).isZero();
    }

    @Test
    void asyncFlushPowerLossShowsAllowedLossesAndNoViolation() {
        long allowed = 0;
        int runs = 0;
        Scenario scenario = ScenarioCatalog.get("single-async");
        for (long seed = 0; runs < POTENCY_SEEDS && seed < 200; seed++) {
            FaultSchedule schedule = scenario.schedule(seed);
            if (!schedule.countByKind().containsKey("power-loss")) {
                continue;
            }
            RunResult r = scenario.run(schedule);
            runs++;
            assertThat(r.failedCheckers()).as("single-async seed " + seed + " " + r.checks()).isEmpty();
            allowed += r.count("allowed-loss");
        }
        assertThat(runs).isEqualTo(POTENCY_SEEDS);
        assertThat(allowed).as("allowed losses over " + runs + " power-loss seeds: the faults must bite").isPositive();
    }

    @Test
    void aBrokerAckingBeforeTheForceIsCaught() {
        Scenario broken = ScenarioCatalog.get("single-sync-early-ack");
        RunResult failing = null;
        for (long seed = 0; seed < 20 && failing == null; seed++) {
            RunResult r = broken.run(seed);
            if (r.failedCheckers().contains("lost")) {
                failing = r;
            }
        }
        assertThat(failing).as("some seed of 20 catches the early ack").isNotNull();
        assertThat(failing.checks().get("lost").examples()).isNotEmpty();
        // Only a power loss on the broker can lose what its page cache held.
        List<FaultEvent> powerLosses = failing.schedule().events().stream()
                .filter(e -> e.kind() == FaultKind.POWER_LOSS).toList();
        assertThat(powerLosses).isNotEmpty();
    }

    @Test
    void aQuietMasterSlaveRunReplicatesEverythingAndChecksTheReplicas() {
        ClusterScenario scenario = ClusterScenario.masterSlaveSync();
        RunResult r = scenario.run(scenario.schedule(2).withEvents(List.of()));

        assertThat(r.failedCheckers()).as(r.checks().toString()).isEmpty();
        assertThat(r.checks()).containsKey("replicas");
        assertThat(r.count("replicas")).as("replica comparisons made (every 2 s, and at the end)").isGreaterThan(10);
        long sendOk = r.history().entries().stream()
                .filter(e -> e.type() == HistoryEntry.Type.OK && "SEND_OK".equals(e.status())).count();
        long drained = r.history().entries().stream()
                .filter(e -> e.type() == HistoryEntry.Type.READ && "drain".equals(e.process())).count();
        assertThat(sendOk).as("SYNC_MASTER sends acknowledged once the slave has them").isGreaterThan(500);
        assertThat(drained).isGreaterThanOrEqualTo(sendOk);
        assertThat(r.count("allowed-loss")).isZero();
    }

    @Test
    void specsThatCannotMeanAnythingAreRefused() {
        List<ClusterSpec.GroupSpec> one = List.of(ClusterSpec.GroupSpec.master("broker-a", FlushDiskType.SYNC_FLUSH));
        assertThatThrownBy(() -> new ClusterSpec(1, one, 1, 1, ClusterSpec.ConsumerKind.PUSH_CONCURRENT,
                MessageModel.CLUSTERING, ClusterSpec.Workload.BROADCAST, 2, Set.of(), 1_000))
                .hasMessageContaining("BROADCASTING");
        assertThatThrownBy(() -> new ClusterSpec(1, one, 1, 1, ClusterSpec.ConsumerKind.PUSH_CONCURRENT,
                MessageModel.CLUSTERING, ClusterSpec.Workload.ORDERED, 2, Set.of(), 1_000))
                .hasMessageContaining("orderly");
        assertThatThrownBy(() -> new ClusterSpec(4, one, 1, 1, ClusterSpec.ConsumerKind.LITE_PULL,
                MessageModel.CLUSTERING, ClusterSpec.Workload.QUEUE, 2, Set.of(), 1_000))
                .hasMessageContaining("nameServers");
        assertThatThrownBy(() -> new ClusterSpec.GroupSpec("broker-a", BrokerRole.ASYNC_MASTER,
                FlushDiskType.SYNC_FLUSH, 3)).hasMessageContaining("slaves");
    }

    @Test
    void theCatalogueRunsTheClusterScenariosUnderAll() {
        assertThat(ScenarioCatalog.all()).contains("single-sync", "single-async", "ordered", "broadcast", "two-groups",
                "lite-pull", "ms-sync", "ms-async").doesNotContain("single-sync-early-ack");
    }
}
