package io.gantry.simulation.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Permanent disk loss on a single store: the store restarts on an empty disk, every put
 * acknowledged before the loss is gone, and the checkers count that as allowed loss (every row of
 * the table allows it), never as {@code lost}; puts acknowledged after the loss are protected again.
 */
class DiskLossTest {

    private static final int RUNS = 3;

    @Test
    void storeLossesUnderAPermanentDiskLossAreAllowedNotLost() {
        for (String name : new String[] {"store-sync", "store-async"}) {
            Scenario scenario = ScenarioCatalog.get(name);
            int runs = 0;
            long allowed = 0;
            for (long seed = 0; runs < RUNS && seed < 500; seed++) {
                if (!scenario.schedule(seed).countByKind().containsKey("disk-loss")) {
                    continue;
                }
                RunResult r = scenario.run(seed);
                runs++;
                assertThat(r.failedCheckers()).as(name + " seed " + seed + " " + r.checks()).isEmpty();
                assertThat(r.faults()).as(name + " seed " + seed).containsKey("disk-loss");
                allowed += r.count("allowed-loss");
            }
            assertThat(runs).as(name + ": seeds that draw a disk loss").isEqualTo(RUNS);
            assertThat(allowed).as(name + ": acknowledged puts gone with the disk").isPositive();
        }
    }

    @Test
    void aDiskLossIsRareInTheSwarm() {
        int withLoss = 0;
        for (long seed = 0; seed < 400; seed++) {
            FaultSchedule s = ScenarioCatalog.get("store-sync").schedule(seed);
            int losses = s.countByKind().getOrDefault("disk-loss", 0);
            assertThat(losses).isLessThanOrEqualTo(1);
            withLoss += losses;
        }
        assertThat(withLoss).as("about one seed in " + FaultSchedule.DISK_LOSS_ONE_IN).isBetween(20, 90);
    }
}
