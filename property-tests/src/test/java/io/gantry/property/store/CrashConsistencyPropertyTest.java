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
 * {@code -Dgantry.prop.seed} / {@code -Dgantry.prop.replay} reproduce a reported failure, and
 * {@code -Dgantry.prop.store.diskFull=false} leaves out the disk-nearly-full operation.
 */
class CrashConsistencyPropertyTest {
    private static final int DEFAULT_CASES = 1000;
    private static final int MAX_OPERATIONS = 60;
    /**
     * The disk-nearly-full operation (ENOSPC, early retention), on by default;
     * {@code -Dgantry.prop.store.diskFull=false} leaves it out, e.g. to replay a choice sequence
     * printed by a run without it (the operation changes what each choice means). The bugs it
     * found are in DiskFullTest; with them fixed it passed 5000 cases per configuration on
     * seeds 99, 7 and -1307046194679564910.
     */
    private static final boolean DISK_FULL = !"false".equals(System.getProperty("gantry.prop.store.diskFull"));

    private static PropertyRunner runner() {
        PropertyRunner runner = PropertyRunner.fromSystemProperties();
        return System.getProperty(PropertyRunner.CASES_PROPERTY) == null ? runner.withCases(DEFAULT_CASES) : runner;
    }

    /** Below this many cases the coverage floor is not checked (a replay or a tiny run). */
    private static final int COVERAGE_MIN_CASES = 200;

    private static Coverage check(String name, Settings settings) {
        Coverage coverage = new Coverage();
        PropertyRunner runner = runner();
        PropertyRunner.Summary summary = runner.check(name,
                choices -> CrashConsistencyScenario.run(settings, choices, coverage));
        assertThat(summary.casesPassed()).isPositive();
        System.out.println(name + ": " + coverage);
        if (summary.casesPassed() >= COVERAGE_MIN_CASES) {
            // The generator must keep reaching the hard parts, or passing means little.
            assertThat(coverage.powerLosses()).as("power losses").isPositive();
            assertThat(coverage.recoveriesThatCutATornTail()).as("recoveries that cut a torn tail").isPositive();
            assertThat(coverage.messagesLost()).as("unacknowledged messages lost").isPositive();
            assertThat(coverage.durableMessagesCheckedAfterPowerLoss()).as("durable messages checked after power loss")
                    .isPositive();
            assertThat(coverage.casesPastTheFirstSegment()).as("cases past the first segment").isPositive();
            assertThat(coverage.recordsEndingAtTheSegmentEdge()).as("records ending at a segment's edge").isPositive();
            assertThat(coverage.failedDurabilities()).as("failed durability futures").isPositive();
            assertThat(coverage.readOnlyStores()).as("stores turned read-only").isPositive();
            if (settings.diskFull()) {
                assertThat(coverage.messagesExpired()).as("messages deleted by early retention").isPositive();
            }
        }
        if (settings.serveOnlyDurable()) {
            assertThat(coverage.servedToConsumersThenLost()).as("records consumers saw, then lost").isZero();
        }
        return coverage;
    }

    @Test
    void syncFlushKeepsEveryAcknowledgedRecordThroughCrashesAndPowerLoss() {
        Coverage coverage = check("store crash consistency, SYNC_FLUSH",
                new Settings(FlushDiskType.SYNC_FLUSH, true, MAX_OPERATIONS, true, DISK_FULL));
        if (coverage.cases() >= COVERAGE_MIN_CASES) {
            assertThat(coverage.flushDiskTimeouts()).as("FLUSH_DISK_TIMEOUTs").isPositive();
        }
    }

    @Test
    void asyncFlushKeepsEveryFlushedRecordThroughCrashesAndPowerLoss() {
        check("store crash consistency, ASYNC_FLUSH",
                new Settings(FlushDiskType.ASYNC_FLUSH, false, MAX_OPERATIONS, true, DISK_FULL));
    }

    @Test
    void asyncFlushWithTheDurableReadRuleNeverTakesBackWhatConsumersSaw() {
        check("store crash consistency, ASYNC_FLUSH serving only durable records",
                new Settings(FlushDiskType.ASYNC_FLUSH, true, MAX_OPERATIONS, true, DISK_FULL));
    }
}
