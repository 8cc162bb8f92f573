package io.gantry.simulation.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The faults must bite: a sweep of store-async seeds whose schedules include power loss observes
 * losses the contract allows (acknowledged, unforced, gone); store-sync under the same kinds of
 * schedule never loses an acknowledged durable put, and every run is valid.
 */
class FaultPotencyTest {

    private static final int POWER_LOSS_SEEDS = 12;

    @Test
    void asyncFlushLosesSomeAcknowledgedPutsOnPowerLoss() {
        long allowed = 0;
        int runs = 0;
        for (long seed = 0; runs < POWER_LOSS_SEEDS; seed++) {
            Scenario scenario = ScenarioCatalog.get("store-async");
            if (!scenario.schedule(seed).countByKind().containsKey("power-loss")) {
                continue;
            }
            RunResult r = scenario.run(seed);
            runs++;
            assertThat(r.failedCheckers()).as("store-async seed " + seed + " " + r.checks()).isEmpty();
            allowed += r.count("allowed-loss");
        }
        assertThat(allowed).as("allowed losses over " + runs + " power-loss seeds").isPositive();
    }

    @Test
    void syncFlushNeverLosesAnAcknowledgedDurablePut() {
        int runs = 0;
        for (long seed = 0; runs < POWER_LOSS_SEEDS; seed++) {
            Scenario scenario = ScenarioCatalog.get("store-sync");
            if (!scenario.schedule(seed).countByKind().containsKey("power-loss")) {
                continue;
            }
            RunResult r = scenario.run(seed);
            runs++;
            assertThat(r.failedCheckers()).as("store-sync seed " + seed + " " + r.checks()).isEmpty();
            assertThat(r.checks().get("lost").violations()).isZero();
            assertThat(r.history().entries()).as("acknowledged puts").anyMatch(e -> e.type() == HistoryEntry.Type.OK);
        }
    }
}
