package io.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumeQueueTest {
    @TempDir
    Path tmp;
    private FaultyDisk disk;

    @BeforeEach
    void setUpDisk() {
        disk = new FaultyDisk(tmp);
    }
    private static final String DIR = "store/consumequeue/TopicA/1";

    private ConsumeQueue open() throws Exception {
        return ConsumeQueue.open(disk, DIR, "TopicA", 1, 5 * 20);
    }

    @Test
    void entriesRoundTripAcrossSegmentsInTheReferenceLayout() throws Exception {
        ConsumeQueue cq = open();
        for (int i = 0; i < 12; i++) {
            cq.append(i, 1000L + i * 211, 211, "TagA".hashCode());
        }
        assertThat(cq.minOffset()).isZero();
        assertThat(cq.maxOffset()).isEqualTo(12);
        assertThat(disk.list(DIR)).containsExactly(
                "00000000000000000000", "00000000000000000100", "00000000000000000200");
        assertThat(cq.read(7)).isEqualTo(new CqEntry(7, 1000L + 7 * 211, 211, 2598919L));
        assertThat(cq.read(3, 5)).extracting(CqEntry::queueOffset).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(cq.read(10, 32)).hasSize(2);
        assertThat(cq.read(12)).isNull();

        // Byte layout: int64 offset | int32 size | int64 tagsCode, big-endian.
        ByteBuffer first = ByteBuffer.wrap(disk.contents(DIR + "/00000000000000000000"));
        assertThat(first.getLong()).isEqualTo(1000L);
        assertThat(first.getInt()).isEqualTo(211);
        assertThat(first.getLong()).isEqualTo(0x27A807L);

        cq.close();
        ConsumeQueue reopened = open();
        assertThat(reopened.maxOffset()).isEqualTo(12);
        assertThat(reopened.read(11).commitLogOffset()).isEqualTo(1000L + 11 * 211);
    }

    @Test
    void refusesAnEntryOutOfSequence() throws Exception {
        ConsumeQueue cq = open();
        cq.append(0, 0, 10, 0);
        assertThatThrownBy(() -> cq.append(2, 10, 10, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TopicA/1");
    }

    @Test
    void recoveryTruncationKeepsOnlyEntriesBelowTheCommitLogOffset() throws Exception {
        ConsumeQueue cq = open();
        for (int i = 0; i < 12; i++) {
            cq.append(i, i * 100L, 100, 0);
        }
        cq.truncateFromCommitLogOffset(650);
        assertThat(cq.maxOffset()).isEqualTo(7);
        assertThat(cq.read(6).commitLogOffset()).isEqualTo(600);
        assertThat(disk.list(DIR)).hasSize(2);

        cq.truncateFromCommitLogOffset(0);
        assertThat(cq.maxOffset()).isZero();
    }

    @Test
    void recoveryTruncationStopsAtATornEntry() throws Exception {
        ConsumeQueue cq = open();
        for (int i = 0; i < 4; i++) {
            cq.append(i, i * 100L, 100, 0);
        }
        cq.close();
        // Entry 2 was torn to zeros by a power loss.
        byte[] data = disk.contents(DIR + "/00000000000000000000");
        java.util.Arrays.fill(data, 40, 60, (byte) 0);
        disk.overwrite(DIR + "/00000000000000000000", data);

        ConsumeQueue reopened = open();
        reopened.truncateFromCommitLogOffset(10_000);
        assertThat(reopened.maxOffset()).isEqualTo(2);
    }

    @Test
    void aPartialEntryAtTheEndIsCutSoEntriesStayAligned() throws Exception {
        ConsumeQueue cq = open();
        cq.append(0, 0, 100, 0);
        cq.append(1, 100, 100, 0);
        cq.close();
        byte[] data = disk.contents(DIR + "/00000000000000000000");
        disk.overwrite(DIR + "/00000000000000000000", java.util.Arrays.copyOf(data, 45));

        ConsumeQueue reopened = open();
        reopened.truncateFromCommitLogOffset(10_000);
        assertThat(reopened.maxOffset()).isEqualTo(2);
        assertThat(reopened.file().writePosition()).isEqualTo(40);
        reopened.append(2, 200, 100, 0);
        assertThat(reopened.read(2).commitLogOffset()).isEqualTo(200);
    }

    @Test
    void retentionMovesTheMinOffsetAndDeletesOldSegments() throws Exception {
        ConsumeQueue cq = open();
        for (int i = 0; i < 12; i++) {
            cq.append(i, i * 100L, 100, 0);
        }
        cq.file().forceAll();
        for (java.util.concurrent.Callable<Void> deletion : cq.dropBelowCommitLogOffset(700)) {
            deletion.call();
        }
        assertThat(cq.minOffset()).isEqualTo(7);
        assertThat(disk.list(DIR)).containsExactly("00000000000000000100", "00000000000000000200");
        assertThat(cq.read(6)).isNull();
        assertThat(cq.read(7).commitLogOffset()).isEqualTo(700);
        assertThat(cq.maxOffset()).isEqualTo(12);
    }
}
