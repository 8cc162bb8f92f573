package io.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedFileTest {
    @TempDir
    Path tmp;
    private FaultyDisk disk;

    @BeforeEach
    void setUpDisk() {
        disk = new FaultyDisk(tmp);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(ByteBuffer b) {
        return StandardCharsets.US_ASCII.decode(b).toString();
    }

    @Test
    void namesSegmentsByTwentyDigitStartOffset() {
        assertThat(SegmentedFile.fileName(0)).isEqualTo("00000000000000000000");
        assertThat(SegmentedFile.fileName(1073741824L)).isEqualTo("00000000001073741824");
        assertThat(SegmentedFile.parseName("00000000001073741824")).isEqualTo(1073741824L);
        assertThat(SegmentedFile.parseName("abort")).isEqualTo(-1);
    }

    @Test
    void appendsRollToANewSegmentAndReadBackAcrossSegments() throws Exception {
        SegmentedFile log = SegmentedFile.open(disk, "cl", 16, 0);
        assertThat(log.append(bytes("0123456789"))).isEqualTo(0);
        assertThat(log.remainingInSegment()).isEqualTo(6);
        assertThatThrownBy(() -> log.append(bytes("abcdefg"))).isInstanceOf(IllegalArgumentException.class);
        log.skipToNextSegment();
        assertThat(log.writePosition()).isEqualTo(16);
        assertThat(log.append(bytes("abcdefg"))).isEqualTo(16);

        assertThat(log.segmentStarts()).containsExactly(0L, 16L);
        assertThat(disk.list("cl")).containsExactly("00000000000000000000", "00000000000000000016");
        assertThat(text(log.read(2, 3))).isEqualTo("234");
        assertThat(text(log.read(16, 7))).isEqualTo("abcdefg");
        assertThat(text(log.readUpTo(18, 100))).isEqualTo("cdefg");
        assertThatThrownBy(() -> log.read(20, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reopenFindsTheSegmentsAndTheWritePosition() throws Exception {
        SegmentedFile log = SegmentedFile.open(disk, "cl", 16, 0);
        log.append(bytes("0123456789abcdef"));
        log.append(bytes("xyz"));
        log.close();

        SegmentedFile reopened = SegmentedFile.open(disk, "cl", 16, 0);
        assertThat(reopened.writePosition()).isEqualTo(19);
        assertThat(reopened.minOffset()).isZero();
        assertThat(reopened.durablePosition()).isZero();
        assertThat(text(reopened.read(16, 3))).isEqualTo("xyz");
    }

    @Test
    void truncateCutsTheTailAndDeletesLaterSegments() throws Exception {
        SegmentedFile log = SegmentedFile.open(disk, "cl", 16, 0);
        log.append(bytes("0123456789abcdef"));
        log.append(bytes("0123456789abcdef"));
        log.append(bytes("0123"));
        log.truncateTo(10);

        assertThat(log.writePosition()).isEqualTo(10);
        assertThat(disk.list("cl")).containsExactly("00000000000000000000");
        assertThat(disk.contents("cl/00000000000000000000")).hasSize(10);
        assertThat(log.append(bytes("AB"))).isEqualTo(10);
        assertThat(text(log.read(8, 4))).isEqualTo("89AB");

        log.truncateTo(0);
        assertThat(disk.list("cl")).as("an empty segment records where the log restarts")
                .containsExactly("00000000000000000000");
        assertThat(disk.contents("cl/00000000000000000000")).isEmpty();
        assertThat(log.writePosition()).isZero();
    }

    /**
     * Found by the crash-consistency property with the disk-full operation (ASYNC_FLUSH, seed 99,
     * case 36): recovery cut a torn record at the start of segment 32768 and deleted its file, so
     * the log ended at the boundary with nothing on disk saying so; the checkpoint said 32768, and
     * the next open took the end from the previous segment's file (17534) and refused to start.
     */
    @Test
    void truncateAtASegmentStartKeepsAnEmptySegmentThatTheNextOpenEndsAt() throws Exception {
        SegmentedFile log = SegmentedFile.open(disk, "cl", 16, 0);
        log.append(bytes("0123456789"));
        log.skipToNextSegment();
        log.append(bytes("torn"));
        log.forceAll();
        log.truncateTo(16);
        log.forceAll();
        assertThat(log.durablePosition()).isEqualTo(16);
        assertThat(disk.list("cl")).containsExactly("00000000000000000000", "00000000000000000016");
        assertThat(disk.contents("cl/00000000000000000016")).isEmpty();
        log.close();

        SegmentedFile reopened = SegmentedFile.open(disk, "cl", 16, 0);
        assertThat(reopened.writePosition()).isEqualTo(16);
        assertThat(reopened.append(bytes("next"))).isEqualTo(16);
    }

    @Test
    void deletesOldestSegmentsOnlyWhenDurableAndNotCurrent() throws Exception {
        SegmentedFile log = SegmentedFile.open(disk, "cl", 16, 0);
        log.append(bytes("0123456789abcdef"));
        log.append(bytes("0123456789abcdef"));
        log.append(bytes("01"));
        assertThat(log.detachOldestSegmentBefore(100)).as("nothing durable yet").isNull();
        log.forceAll();
        assertThat(log.detachOldestSegmentBefore(15)).as("segment ends after the limit").isNull();
        java.util.concurrent.Callable<Void> first = log.detachOldestSegmentBefore(16);
        assertThat(log.minOffset()).as("forgotten at once").isEqualTo(16);
        assertThat(disk.list("cl")).as("deleted only when the task runs").hasSize(3);
        first.call();
        log.detachOldestSegmentBefore(100).call();
        assertThat(log.detachOldestSegmentBefore(100)).as("never the segment being written").isNull();
        assertThat(log.minOffset()).isEqualTo(32);
        assertThat(disk.list("cl")).containsExactly("00000000000000000032");
    }

    @Test
    void refusesGapsAndForeignFilesNamingThem() throws Exception {
        disk.createDirectories("cl");
        disk.open("cl/00000000000000000000", true).close();
        disk.open("cl/00000000000000000032", true).close();
        assertThatThrownBy(() -> SegmentedFile.open(disk, "cl", 16, 0))
                .isInstanceOf(StoreCorruptionException.class)
                .hasMessageContaining("00000000000000000016").hasMessageContaining("00000000000000000032");

        disk.createDirectories("cq");
        disk.open("cq/junk", true).close();
        assertThatThrownBy(() -> SegmentedFile.open(disk, "cq", 16, 0))
                .isInstanceOf(StoreCorruptionException.class).hasMessageContaining("cq/junk");
    }

    @Test
    void forceTaskCoversWhatWasWrittenBeforeItWasPrepared() throws Exception {
        SegmentedFile log = SegmentedFile.open(disk, "cl", 16, 0);
        log.append(bytes("0123"));
        SegmentedFile.ForceTask task = log.prepareForce();
        log.append(bytes("4567"));
        long covered = task.call();
        log.forceEnded(task, true);
        assertThat(covered).isEqualTo(4);
        assertThat(log.durablePosition()).isEqualTo(4);
        assertThat(log.writePosition()).isEqualTo(8);
    }
}
