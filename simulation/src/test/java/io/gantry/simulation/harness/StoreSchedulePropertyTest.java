package io.gantry.simulation.harness;

import io.gantry.simulation.choice.PropertyRunner;
import io.gantry.simulation.harness.store.StoreScenario;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Store scenarios over arbitrary schedules drawn from a choice source (not only the seed's swarm
 * draw): every run is valid. A failure shrinks the choice sequence (fewer, earlier, shorter, simpler
 * faults) with the property engine and prints it for replay.
 *
 * <p>Bit flips are left out here: they currently expose a store finding (recovery after a crash
 * truncates at a flipped record past the checkpoint and drops later acknowledged records; see the
 * harness notes in docs/simulation.md), which the seed sweeps report.
 */
class StoreSchedulePropertyTest {

    private static final Set<FaultKind> KINDS = EnumSet.of(FaultKind.CRASH, FaultKind.POWER_LOSS, FaultKind.PAUSE,
            FaultKind.CLOCK_JUMP, FaultKind.WRITE_EIO, FaultKind.FORCE_EIO, FaultKind.ENOSPC, FaultKind.SLOW_DISK);

    @Test
    void arbitrarySchedulesKeepEveryGuarantee() {
        PropertyRunner runner = PropertyRunner.fromSystemProperties().withMaxShrinkAttempts(50);
        if (System.getProperty(PropertyRunner.CASES_PROPERTY) == null) {
            runner = runner.withCases(12);
        }
        runner.check("store scenarios under arbitrary schedules", c -> {
            Scenario scenario = c.bool() ? StoreScenario.sync() : StoreScenario.async();
            FaultSchedule schedule = FaultSchedule.fromChoices(c, scenario.name(), KINDS, 5_000, 25);
            c.note(schedule.toText());
            RunResult r = scenario.run(schedule);
            if (!r.valid()) {
                throw new AssertionError(scenario.name() + " failed " + r.failedCheckers() + ": " + r.checks());
            }
        });
    }
}
