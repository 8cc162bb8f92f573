package io.gantry.simulation.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.simulation.harness.cluster.ClusterScenario;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The determinism guard: several seeds of every scenario run twice give the same trace hash and the
 * same history; a seed run and its schedule replayed from the file form agree; seeds differ.
 */
class HarnessDeterminismTest {

    private static final int SEEDS = 3;
    /** Broker-cluster runs cost tens of times a store run; two seeds each keep the build in budget. */
    private static final int CLUSTER_SEEDS = 2;

    @Test
    void everyScenarioReplaysToTheSameTrace() {
        for (String name : ScenarioCatalog.names()) {
            Set<Long> hashes = new HashSet<>();
            int seeds = ScenarioCatalog.get(name) instanceof ClusterScenario ? CLUSTER_SEEDS : SEEDS;
            for (long seed = 100; seed < 100 + seeds; seed++) {
                Scenario scenario = ScenarioCatalog.get(name);
                RunResult first = scenario.run(seed);
                RunResult second = ScenarioCatalog.get(name).run(seed);
                assertThat(second.traceHash()).as(name + " seed " + seed).isEqualTo(first.traceHash());
                assertThat(second.events()).isEqualTo(first.events());
                assertThat(second.toJson().get("violations")).isEqualTo(first.toJson().get("violations"));
                if (first.history() != null) {
                    assertThat(second.history().entries()).isEqualTo(first.history().entries());
                }
                hashes.add(first.traceHash());
            }
            assertThat(hashes).as(name + ": different seeds, different traces").hasSize(seeds);
        }
    }

    @Test
    void aScheduleReadBackFromItsFileReplaysTheSeedRun() {
        for (String name : ScenarioCatalog.names()) {
            Scenario scenario = ScenarioCatalog.get(name);
            if (!scenario.supportsSchedules()) {
                continue;
            }
            RunResult bySeed = scenario.run(7);
            RunResult bySchedule = scenario.run(FaultSchedule.parse(bySeed.schedule().toText()));
            assertThat(bySchedule.traceHash()).as(name).isEqualTo(bySeed.traceHash());
        }
    }
}
