package io.gantry.simulation.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.SimulationBudgetExceeded;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunBudgetTest {

    /** A task that reschedules itself forever, catching everything as node code that "keeps serving" would. */
    private static void spin(SimNode node) {
        node.context().scheduler().execute(() -> {
            try {
                spin(node);
            } catch (RuntimeException swallowed) {
                // node code that swallows exceptions must not defeat the budget
            }
        });
    }

    @Test
    void aRunawayRunStopsAtTheSameStepEveryTime() {
        long[] stoppedAt = new long[2];
        for (int i = 0; i < 2; i++) {
            SimWorld world = new SimWorld(SimConfig.defaults(3));
            world.setFailOnTaskException(false);
            world.setStepBudget(5_000);
            spin(world.addNode("n"));
            SimulationBudgetExceeded e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> world.runFor(1_000), SimulationBudgetExceeded.class);
            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(SimulationBudgetExceeded.Kind.STEPS);
            stoppedAt[i] = e.steps();
        }
        assertThat(stoppedAt[0]).isEqualTo(5_001).isEqualTo(stoppedAt[1]);
    }

    @Test
    void aRunawayScenarioBecomesAFailedBudgetVerdictWithItsSeed() {
        Scenario runaway = new Scenario() {
            @Override
            public String name() {
                return "runaway";
            }

            @Override
            public String description() {
                return "spins forever";
            }

            @Override
            public boolean supportsSchedules() {
                return false;
            }

            @Override
            public FaultSchedule schedule(long seed) {
                return new FaultSchedule(name(), seed, 0, 0, List.of());
            }

            @Override
            public RunResult run(FaultSchedule schedule) {
                SimWorld world = new SimWorld(SimConfig.defaults(schedule.seed()));
                world.setStepBudget(1_000);
                spin(world.addNode("n"));
                world.runFor(60_000);
                throw new AssertionError("the budget should have stopped the run");
            }
        };
        RunResult r = RunGuard.run(runaway, 42, null, 0);
        assertThat(r.seed()).isEqualTo(42);
        assertThat(r.valid()).isFalse();
        assertThat(r.failedCheckers()).containsExactly(RunResult.BUDGET_CHECKER);
        assertThat(r.checks().get(RunResult.BUDGET_CHECKER).examples().get(0)).startsWith("steps:");
    }

    @Test
    void aWallBudgetStopsARunThatStepsButNeverEnds() {
        SimWorld.setThreadWallBudgetMs(1);
        SimWorld world;
        try {
            world = new SimWorld(SimConfig.defaults(5));
        } finally {
            SimWorld.setThreadWallBudgetMs(0);
        }
        spin(world.addNode("n"));
        assertThatThrownBy(() -> world.runFor(3_600_000))
                .isInstanceOf(SimulationBudgetExceeded.class)
                .satisfies(t -> assertThat(((SimulationBudgetExceeded) t).kind())
                        .isEqualTo(SimulationBudgetExceeded.Kind.WALL));
    }

    /** Regression: store-sync seed 625 wrote 2^50 consume-queue placeholders after a header bit flip. */
    @Test
    void storeSyncSeed625EndsWithinItsBudget() {
        RunResult r = RunGuard.run(ScenarioCatalog.get("store-sync"), 625, null, 0);
        assertThat(r.failedCheckers()).isEmpty();
        assertThat(r.faults()).containsKey("bit-flip");
    }
}
