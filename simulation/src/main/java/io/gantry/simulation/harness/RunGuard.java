package io.gantry.simulation.harness;

import io.gantry.simulation.SimWorld;
import io.gantry.simulation.SimulationBudgetExceeded;

/**
 * Runs a scenario so that a runaway run ends as a failed {@code budget} verdict with its seed instead
 * of hanging or killing a sweep. Scenarios that build their world themselves may catch
 * {@link SimulationBudgetExceeded} to report what the world reached; this is the backstop for those
 * that do not. The optional wall budget applies to every world the run creates on this thread.
 */
public final class RunGuard {

    private RunGuard() {
    }

    /**
     * Runs {@code schedule} (or the seed's own schedule when {@code schedule} is null) under a wall
     * budget of {@code wallBudgetMs} (0: none).
     */
    public static RunResult run(Scenario scenario, long seed, FaultSchedule schedule, long wallBudgetMs) {
        long wallStart = System.nanoTime();
        SimWorld.setThreadWallBudgetMs(wallBudgetMs);
        try {
            return schedule == null ? scenario.run(seed) : scenario.run(schedule);
        } catch (SimulationBudgetExceeded e) {
            long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
            return RunResult.budgetExceeded(seed, scenario.name(), 0, wallMs, e, null, schedule, null);
        } finally {
            SimWorld.setThreadWallBudgetMs(0);
        }
    }
}
