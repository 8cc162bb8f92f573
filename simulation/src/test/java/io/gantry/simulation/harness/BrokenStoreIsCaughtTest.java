package io.gantry.simulation.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A store that acknowledges SYNC_FLUSH puts before the force ({@code store-sync-early-ack}) is
 * caught by the {@code lost} checker within 200 seeds, and the shrinker reduces the failing
 * schedule to one that still fails the same way and replays from its file form.
 */
class BrokenStoreIsCaughtTest {

    @Test
    void earlyAcknowledgementIsCaughtAndShrunk() {
        Scenario broken = ScenarioCatalog.get("store-sync-early-ack");
        RunResult failing = null;
        for (long seed = 0; seed < 200 && failing == null; seed++) {
            RunResult r = broken.run(seed);
            if (r.failedCheckers().contains("lost")) {
                failing = r;
            }
        }
        assertThat(failing).as("a seed within 200 that loses an early-acknowledged put").isNotNull();

        ScheduleShrinker.Shrunk shrunk = new ScheduleShrinker(broken, "lost", 40, null).shrink(failing.schedule());
        FaultSchedule small = shrunk.schedule();
        assertThat(shrunk.result().failedCheckers()).contains("lost");
        assertThat(small.events().size() + small.maxOps())
                .as("shrunk from " + failing.schedule().events().size() + " faults")
                .isLessThan(failing.schedule().events().size() + failing.schedule().maxOps());
        assertThat(small.events()).anyMatch(e -> e.kind() == FaultKind.POWER_LOSS);

        RunResult replay = broken.run(FaultSchedule.parse(small.toText()));
        assertThat(replay.traceHash()).isEqualTo(shrunk.result().traceHash());
        assertThat(replay.failedCheckers()).contains("lost");
    }

    @Test
    void theSameSchedulesAreValidOnTheRealStore() {
        Scenario real = ScenarioCatalog.get("store-sync");
        for (long seed = 0; seed < 5; seed++) {
            FaultSchedule s = ScenarioCatalog.get("store-sync-early-ack").schedule(seed);
            RunResult r = real.run(new FaultSchedule("store-sync", s.seed(), s.maxOps(), s.faultPhaseMs(), s.events()));
            assertThat(r.failedCheckers()).as("seed " + seed + " " + r.checks()).isEmpty();
        }
    }

    private static long producerOps(RunResult r) {
        return r.history().entries().stream()
                .filter(e -> e.type() == HistoryEntry.Type.INVOKE && e.process().startsWith("producer")).count();
    }

    @Test
    void theShrinkerAlsoDropsWorkloadOperations() {
        Scenario broken = ScenarioCatalog.get("store-sync-early-ack");
        RunResult failing = null;
        for (long seed = 0; seed < 200 && failing == null; seed++) {
            RunResult r = broken.run(seed);
            if (r.failedCheckers().contains("lost")) {
                failing = r;
            }
        }
        assertThat(failing).isNotNull();
        // Start from the failing run's own operation count, so only dropping can lower it further.
        FaultSchedule start = failing.schedule().withMaxOps((int) producerOps(failing));
        ScheduleShrinker.Shrunk shrunk = new ScheduleShrinker(broken, "lost", 120, null).shrink(start);

        assertThat(shrunk.result().failedCheckers()).contains("lost");
        assertThat(shrunk.schedule().droppedOps().isEmpty()).as("some operations dropped").isFalse();
        assertThat(producerOps(shrunk.result())).as("operations left after shrinking")
                .isLessThan(producerOps(failing)).isEqualTo(shrunk.schedule().operationBudget());

        String file = shrunk.schedule().toText();
        assertThat(file.lines().findFirst().orElseThrow()).contains("\"version\":2", "\"droppedOps\":\"");
        RunResult replay = broken.run(FaultSchedule.parse(file));
        assertThat(replay.traceHash()).isEqualTo(shrunk.result().traceHash());
        assertThat(replay.failedCheckers()).contains("lost");
    }
}
