package io.gantry.simulation.harness.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry.Type;
import io.gantry.store.FlushDiskType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checkers on small hand-written histories. */
class CheckersTest {

    private final History h = new History();
    private final List<Checker> checkers = Checkers.storeCheckers();

    CheckersTest() {
        Checkers.attach(h, checkers);
    }

    private void put(String value, long queueOffset, Type outcome, String status) {
        h.add(1, "p", Type.INVOKE, "put", value, "T", 0, -1, -1, null, 7, null);
        h.add(2, "p", outcome, "put", value, "T", 0, queueOffset, 100 * queueOffset, status, 0, null);
    }

    private void drain(String value, long queueOffset, long contentHash) {
        h.add(3, "drain", Type.READ, "read", value, "T", 0, queueOffset, 100 * queueOffset, "FOUND", contentHash, null);
    }

    private Map<String, CheckResult> finish(FlushDiskType flush, boolean serveOnlyDurable) {
        return Checkers.finish(new CheckInput(h, flush, serveOnlyDurable, true, false, 0, 30_000, 5, 5, 10), checkers);
    }

    @Test
    void anAsyncPutMissingAfterPowerLossIsAnAllowedLossButUnderSyncItIsLost() {
        put("a", 0, Type.OK, "PUT_OK");
        h.fault(5, FaultKind.CRASH, null);
        put("b", 1, Type.OK, "PUT_OK");
        h.fault(6, FaultKind.POWER_LOSS, null);
        Map<String, CheckResult> r = finish(FlushDiskType.ASYNC_FLUSH, false);
        assertThat(r.get("lost").violations()).isZero();
        assertThat(r.get("allowed-loss").count()).isEqualTo(2);
        assertThat(finish(FlushDiskType.SYNC_FLUSH, true).get("lost").violations()).isEqualTo(2);
    }

    @Test
    void aCrashAloneNeverExcusesALoss() {
        put("a", 0, Type.OK, "PUT_OK");
        h.fault(5, FaultKind.CRASH, null);
        assertThat(finish(FlushDiskType.ASYNC_FLUSH, false).get("lost").violations()).isEqualTo(1);
    }

    @Test
    void aPowerLossBeforeTheAckExcusesNothing() {
        h.fault(0, FaultKind.POWER_LOSS, null);
        put("a", 0, Type.OK, "PUT_OK");
        assertThat(finish(FlushDiskType.ASYNC_FLUSH, false).get("lost").violations()).isEqualTo(1);
    }

    @Test
    void readsOfUnknownFailedOrAlteredValuesAreUnexpected() {
        put("a", 0, Type.OK, "PUT_OK");
        put("f", 1, Type.FAIL, "SERVICE_NOT_AVAILABLE");
        drain("a", 0, 99);
        drain("f", 1, 7);
        drain("ghost", 2, 7);
        Map<String, CheckResult> r = finish(FlushDiskType.SYNC_FLUSH, true);
        assertThat(r.get("unexpected").violations()).isEqualTo(3);
        assertThat(r.get("lost").violations()).isZero();
    }

    @Test
    void indeterminatePutsReadLaterAreRecoveredAndOffsetsMayNotBeReused() {
        put("i", 0, Type.INFO, "CRASHED");
        drain("i", 0, 7);
        put("j", 0, Type.OK, "PUT_OK");
        drain("j", 2, 7);
        Map<String, CheckResult> r = finish(FlushDiskType.SYNC_FLUSH, true);
        assertThat(r.get("recovered").count()).isEqualTo(1);
        // "i" was read at offset 0 under the durable-read rule, then "j" was acknowledged there;
        // and the drain jumped from offset 0 to 2.
        assertThat(r.get("offsets").violations()).isEqualTo(2);
    }

    @Test
    void aHealthyHistoryPassesEveryChecker() {
        put("a", 0, Type.OK, "PUT_OK");
        put("b", 1, Type.OK, "FLUSH_DISK_TIMEOUT");
        drain("a", 0, 7);
        drain("b", 1, 7);
        assertThat(finish(FlushDiskType.SYNC_FLUSH, true).values()).allMatch(CheckResult::ok);
    }
}
