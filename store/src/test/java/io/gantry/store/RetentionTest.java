package io.gantry.store;

import static io.gantry.store.StoreHarness.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    private static final long HOUR_MS = 3_600_000L;
    private static final String BIG = "r".repeat(3000);
    @TempDir
    Path tmp;
    private StoreHarness h;

    @BeforeEach
    void setUp() {
        h = new StoreHarness(tmp);
    }

    private static String hourOf(long wallMs) {
        return String.format("%02d", Instant.ofEpochMilli(wallMs).atZone(ZoneOffset.UTC).getHour());
    }

    /** Segment 0 sealed at t0; segment 1 sealed two hours later; segment 2 being written. */
    private MessageStore storeWithThreeSegments(String deleteWhen) throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().fileReservedTime(1).deleteWhen(deleteWhen).build());
        long t0 = h.scheduler.clock().wallClockMs();
        store.putMessage(message("T", 0, BIG));
        store.putMessage(message("T", 0, BIG));
        store.putMessage(message("T", 0, BIG)); // first of segment 1, stored at t0
        h.scheduler.setWallClockMs(t0 + 2 * HOUR_MS);
        store.putMessage(message("T", 0, BIG));
        store.putMessage(message("T", 0, BIG)); // first of segment 2, stored at t0 + 2h
        store.flush();
        h.scheduler.runUntilIdle();
        assertThat(h.disk.list("store/commitlog")).hasSize(3);
        return store;
    }

    @Test
    void deletesExpiredSegmentsAtTheDeleteHourAndMovesMinOffsets() throws Exception {
        long later = h.scheduler.clock().wallClockMs() + 2 * HOUR_MS;
        MessageStore store = storeWithThreeSegments(hourOf(later));
        store.cleanNow();
        h.scheduler.runUntilIdle();

        assertThat(h.disk.list("store/commitlog")).containsExactly("00000000000000008192", "00000000000000016384");
        assertThat(store.getMinPhyOffset()).isEqualTo(8192);
        assertThat(store.getMinOffsetInQueue("T", 0)).isEqualTo(2);
        GetMessageResult old = store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL);
        assertThat(old.status()).isEqualTo(GetMessageStatus.OFFSET_TOO_SMALL);
        assertThat(old.nextBeginOffset()).isEqualTo(2);
        assertThat(store.getMessage("T", 0, 2, 32, 1 << 20, MessageFilter.ALL).messageCount()).isEqualTo(3);

        store.closeWithoutFlush();
        MessageStore again = h.open(StoreHarness.smallConfig().fileReservedTime(1).deleteWhen("04").build());
        assertThat(again.getMinPhyOffset()).isEqualTo(8192);
        assertThat(again.getMinOffsetInQueue("T", 0)).as("min offset survives a restart").isEqualTo(2);
        assertThat(again.getMaxOffsetInQueue("T", 0)).isEqualTo(5);
    }

    @Test
    void keepsExpiredSegmentsOutsideTheDeleteHourWhileSpaceIsFine() throws Exception {
        long later = h.scheduler.clock().wallClockMs() + 2 * HOUR_MS;
        String otherHour = hourOf(later + 5 * HOUR_MS);
        MessageStore store = storeWithThreeSegments(otherHour);
        store.cleanNow();
        h.scheduler.runUntilIdle();
        assertThat(h.disk.list("store/commitlog")).hasSize(3);

        h.disk.usedPercent = 80; // above diskMaxUsedSpaceRatio: expired segments go at any hour
        store.cleanNow();
        h.scheduler.runUntilIdle();
        assertThat(h.disk.list("store/commitlog")).hasSize(2);
    }

    @Test
    void deletesYoungSegmentsWhenTheDiskIsNearlyFullAndRefusesPutsWhenFull() throws Exception {
        long later = h.scheduler.clock().wallClockMs() + 2 * HOUR_MS;
        MessageStore store = storeWithThreeSegments(hourOf(later + 5 * HOUR_MS));
        h.disk.usedPercent = 91;
        store.cleanNow();
        h.scheduler.runUntilIdle();
        assertThat(h.disk.list("store/commitlog")).as("never the segment being written")
                .containsExactly("00000000000000016384");
        PutMessageResult refused = store.putMessage(message("T", 0, "x"));
        assertThat(refused.status()).isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
        assertThat(refused.errorMessage()).contains("diskSpaceWarningLevelRatio");

        h.disk.usedPercent = 50;
        store.cleanNow();
        h.scheduler.runUntilIdle();
        assertThat(store.putMessage(message("T", 0, "x")).status()).isEqualTo(PutMessageStatus.PUT_OK);
    }
}
