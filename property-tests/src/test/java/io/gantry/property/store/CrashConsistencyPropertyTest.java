package io.gantry.property.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.property.store.CrashConsistencyScenario.Settings;
import io.gantry.simulation.choice.PropertyRunner;
import io.gantry.store.FlushDiskType;
import org.junit.jupiter.api.Test;

/**
 * The store's crash-consistency property (store issue, item 7), in each flush configuration.
 * Case counts default to what keeps this module's tests within a few minutes on a small CI
 * machine; {@code -Dgantry.prop.cases=N} runs N cases per configuration instead, and
 * {@code -Dgantry.prop.seed} / {@code -Dgantry.prop.replay} reproduce a reported failure.
 */
class CrashConsistencyPropertyTest {
    private static final int DEFAULT_CASES = 700;
    private static final int MAX_OPERATIONS = 60;

    private static PropertyRunner runner() {
        PropertyRunner runner = PropertyRunner.fromSystemProperties();
        return System.getProperty(PropertyRunner.CASES_PROPERTY) == null ? runner.withCases(DEFAULT_CASES) : runner;
    }

    private static void check(String name, Settings settings) {
        PropertyRunner.Summary summary = runner().check(name, choices -> CrashConsistencyScenario.run(settings, choices));
        assertThat(summary.casesPassed()).isPositive();
    }

    @Test
    void syncFlushKeepsEveryAcknowledgedRecordThroughCrashesAndPowerLoss() {
        check("store crash consistency, SYNC_FLUSH",
                new Settings(FlushDiskType.SYNC_FLUSH, true, MAX_OPERATIONS, true));
    }

    @Test
    void asyncFlushKeepsEveryFlushedRecordThroughCrashesAndPowerLoss() {
        check("store crash consistency, ASYNC_FLUSH",
                new Settings(FlushDiskType.ASYNC_FLUSH, false, MAX_OPERATIONS, true));
    }

    @Test
    void asyncFlushWithTheDurableReadRuleNeverTakesBackWhatConsumersSaw() {
        check("store crash consistency, ASYNC_FLUSH serving only durable records",
                new Settings(FlushDiskType.ASYNC_FLUSH, true, MAX_OPERATIONS, true));
    }
}
