package io.gantry.simulation.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.simulation.harness.RunResult;
import io.gantry.simulation.harness.Scenario;
import io.gantry.simulation.harness.ScenarioCatalog;
import org.junit.jupiter.api.Test;

/**
 * The faults must bite in the weak master/slave mode: over seeds of {@code ms-async} (ASYNC_MASTER,
 * ASYNC_FLUSH) whose schedules include power loss, some run must lose acknowledged SEND_OK messages
 * to the master's power loss (counted as allowed losses, never as violations). A sweep that never
 * observes one means the faults do not reach the data.
 */
class MasterSlavePotencyTest {

    private static final int MAX_POWER_LOSS_RUNS = 8;

    @Test
    void asyncMasterLosesSomeSendOkToTheMastersPowerLoss() {
        long masterPowerLosses = 0;
        int runs = 0;
        for (long seed = 0; runs < MAX_POWER_LOSS_RUNS && masterPowerLosses == 0; seed++) {
            Scenario scenario = ScenarioCatalog.get("ms-async");
            if (!scenario.schedule(seed).countByKind().containsKey("power-loss")) {
                continue;
            }
            RunResult r = scenario.run(seed);
            runs++;
            assertThat(r.failedCheckers()).as("ms-async seed " + seed + " " + r.checks()).isEmpty();
            masterPowerLosses += r.checks().get("allowed-loss").examples().stream()
                    .filter(MasterSlavePotencyTest::sendOkLostToTheMastersPowerLoss).count();
        }
        assertThat(masterPowerLosses).as("SEND_OK messages lost to the master's power loss over " + runs + " runs")
                .isPositive();
    }

    /** An allowed-loss example (see {@link ClusterLosses}) of a SEND_OK whose master lost power after the ack. */
    private static boolean sendOkLostToTheMastersPowerLoss(String example) {
        String marker = "faults on broker-a after ack [";
        int at = example.indexOf(marker);
        if (!example.contains("(SEND_OK") || at < 0) {
            return false;
        }
        String masterFaults = example.substring(at + marker.length(), example.indexOf(']', at));
        return masterFaults.contains("POWER_LOSS");
    }
}
