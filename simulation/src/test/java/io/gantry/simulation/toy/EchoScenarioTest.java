package io.gantry.simulation.toy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The determinism guard for the foundation: seeds replay to the same trace, and the toy stays correct under faults. */
class EchoScenarioTest {

    @Test
    void sameSeedGivesTheSameTraceEveryTime() {
        for (long seed = 0; seed < 10; seed++) {
            EchoRunResult first = EchoScenario.run(seed);
            EchoRunResult second = EchoScenario.run(seed);
            assertThat(second.traceHash()).as("seed %d", seed).isEqualTo(first.traceHash());
            assertThat(second.events()).isEqualTo(first.events());
            assertThat(second.sent()).isEqualTo(first.sent());
            assertThat(second.echoed()).isEqualTo(first.echoed());
            assertThat(second.faults()).isEqualTo(first.faults());
        }
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        Set<Long> hashes = new HashSet<>();
        for (long seed = 100; seed < 120; seed++) {
            hashes.add(EchoScenario.run(seed).traceHash());
        }
        assertThat(hashes).hasSize(20);
    }

    @Test
    void echoesStayInOrderAndResumeAfterTheHealUnderFaults() {
        int totalFaults = 0;
        // 200 seeds: seeds 51, 99 and 104 once stalled after a late power loss (no client-side timeout).
        for (long seed = 0; seed < 200; seed++) {
            EchoRunResult result = EchoScenario.run(seed);
            assertThat(result.orderViolations()).as("seed %d", seed).isZero();
            assertThat(result.echoedAfterHeal()).as("seed %d", seed).isPositive();
            assertThat(result.echoed()).isLessThanOrEqualTo(result.sent());
            assertThat(result.simulatedMs())
                    .isEqualTo(EchoScenario.FAULT_PHASE_MS + EchoScenario.SETTLE_PHASE_MS);
            totalFaults += result.faults().values().stream().mapToInt(Integer::intValue).sum();
        }
        // The schedule really bites: about one fault every 1.6 s over 30 s, per seed.
        assertThat(totalFaults).isGreaterThan(200 * 5);
    }

    @Test
    void faultScheduleCoversEveryKindAcrossSeeds() {
        Set<String> kinds = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            kinds.addAll(EchoScenario.run(seed).faults().keySet());
        }
        assertThat(kinds).containsExactlyInAnyOrder(
                "partition", "partition-one-way", "reset", "clog", "crash", "power-loss", "pause", "clock-jump");
    }
}
