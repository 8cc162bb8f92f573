package io.gantry.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import io.gantry.runtime.DiskFullException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SimDiskTest {

    private static final int SECTOR = 512;

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] readAll(Disk disk, String path) throws IOException {
        try (DiskFile f = disk.open(path, false)) {
            ByteBuffer buf = ByteBuffer.allocate((int) f.sizeBytes());
            while (buf.hasRemaining() && f.read(buf.position(), buf) > 0) {
                // read until full
            }
            return buf.array();
        }
    }

    /** A node with a durable file "d/f" holding {@code content}. */
    private static SimNode nodeWithDurableFile(long seed, byte[] content) throws IOException {
        SimWorld world = SimWorld.create(seed);
        SimNode node = world.addNode("n");
        Disk disk = node.disk();
        disk.createDirectories("d");
        disk.syncDirectory("");
        try (DiskFile f = disk.open("d/f", true)) {
            f.write(0, ByteBuffer.wrap(content));
            f.force();
        }
        disk.syncDirectory("d");
        return node;
    }

    @Test
    void processCrashKeepsUnforcedWritesButPowerLossDropsThem() throws IOException {
        SimNode node = nodeWithDurableFile(1, filled(100, 1));
        SimDisk disk = node.disk();
        DiskFile f = disk.open("d/f", false);
        f.write(100, ByteBuffer.wrap(filled(SECTOR, 2)));

        node.crash();
        assertThatThrownBy(() -> f.sizeBytes()).isInstanceOf(ClosedChannelException.class);
        assertThat(readAll(disk, "d/f")).hasSize(100 + SECTOR);

        node.restart();
        node.powerLoss();
        byte[] after = readAll(disk, "d/f");
        // Sector 0 (bytes 0..511) held both old and new bytes; it survived whole or not at all.
        assertThat(after.length).isIn(100, 512, 100 + SECTOR);
        assertThat(Arrays.copyOf(after, 100)).containsOnly(1);
    }

    @Test
    void forcedWritesSurvivePowerLoss() throws IOException {
        SimNode node = nodeWithDurableFile(2, filled(2_000, 7));
        node.powerLoss();
        assertThat(readAll(node.disk(), "d/f")).hasSize(2_000).containsOnly(7);
    }

    @Test
    void powerLossTearsAnUnforcedWriteOnlyAtSectorBoundaries() throws IOException {
        int sectors = 16;
        boolean sawTornWrite = false;
        for (long seed = 0; seed < 20; seed++) {
            SimNode node = nodeWithDurableFile(seed, filled(sectors * SECTOR, 0xAA));
            try (DiskFile f = node.disk().open("d/f", false)) {
                // Unaligned on purpose: the first and last sectors mix old and new bytes in the page cache.
                f.write(100, ByteBuffer.wrap(filled(sectors * SECTOR - 200, 0x55)));
            }
            node.powerLoss();
            byte[] after = readAll(node.disk(), "d/f");
            assertThat(after).hasSize(sectors * SECTOR);
            int newSectors = 0;
            for (int s = 0; s < sectors; s++) {
                byte[] sector = Arrays.copyOfRange(after, s * SECTOR, (s + 1) * SECTOR);
                byte[] oldSector = filled(SECTOR, 0xAA);
                byte[] newSector = filled(SECTOR, 0x55);
                if (s == 0) {
                    Arrays.fill(newSector, 0, 100, (byte) 0xAA);
                }
                if (s == sectors - 1) {
                    Arrays.fill(newSector, SECTOR - 100, SECTOR, (byte) 0xAA);
                }
                boolean isOld = Arrays.equals(sector, oldSector);
                boolean isNew = Arrays.equals(sector, newSector);
                assertThat(isOld || isNew).as("seed %d sector %d is all old or all new", seed, s).isTrue();
                newSectors += isNew ? 1 : 0;
            }
            sawTornWrite |= newSectors > 0 && newSectors < sectors;
        }
        assertThat(sawTornWrite).as("some seed tore the write").isTrue();
    }

    @Test
    void failedForceIsReportedAndLeavesDurabilityUnknown() throws IOException {
        int survived = 0;
        int lost = 0;
        for (long seed = 0; seed < 30; seed++) {
            SimNode node = nodeWithDurableFile(seed, filled(SECTOR, 1));
            SimDisk disk = node.disk();
            disk.faults().failNextForces(1);
            try (DiskFile f = disk.open("d/f", false)) {
                f.write(0, ByteBuffer.wrap(filled(SECTOR, 2)));
                assertThatThrownBy(f::force).isInstanceOf(IOException.class).hasMessageContaining("EIO");
                // The retry "succeeds", but a page marked clean by the failed fsync is not rewritten.
                f.force();
            }
            node.powerLoss();
            byte[] after = readAll(disk, "d/f");
            assertThat(after).hasSize(SECTOR);
            if (after[0] == 2) {
                assertThat(after).containsOnly(2);
                survived++;
            } else {
                assertThat(after).containsOnly(1);
                lost++;
            }
        }
        assertThat(survived).isPositive();
        assertThat(lost).isPositive();
    }

    @Test
    void writeErrorIsReportedAndWritesNothing() throws IOException {
        SimNode node = nodeWithDurableFile(3, filled(10, 1));
        node.disk().faults().failNextWrites(1);
        try (DiskFile f = node.disk().open("d/f", false)) {
            assertThatThrownBy(() -> f.write(0, ByteBuffer.wrap(filled(10, 2))))
                    .isInstanceOf(IOException.class).hasMessageContaining("EIO");
            f.write(0, ByteBuffer.wrap(filled(10, 3)));
        }
        assertThat(readAll(node.disk(), "d/f")).containsOnly(3);
    }

    @Test
    void fullDiskFailsWithEnospcAfterWritingWhatFits() throws IOException {
        SimWorld world = SimWorld.create(4);
        SimDisk disk = world.addNode("n").disk();
        disk.setCapacityBytes(1_000);
        try (DiskFile f = disk.open("f", true)) {
            f.write(0, ByteBuffer.wrap(filled(600, 1)));
            assertThatThrownBy(() -> f.write(600, ByteBuffer.wrap(filled(600, 2))))
                    .isInstanceOf(DiskFullException.class).hasMessageContaining("ENOSPC");
            assertThat(f.sizeBytes()).isEqualTo(1_000);
            assertThat(disk.usableSpaceBytes()).isZero();
            // Overwriting in place needs no new space.
            f.write(0, ByteBuffer.wrap(filled(600, 3)));
        }
        assertThat(disk.delete("f")).isTrue();
        assertThat(disk.usableSpaceBytes()).isEqualTo(1_000);
    }

    @Test
    void bitFlipAtRestChangesOneBitDurably() throws IOException {
        SimNode node = nodeWithDurableFile(5, filled(100, 0));
        node.disk().flipBit("d/f", 8 * 10 + 3);
        byte[] expected = filled(100, 0);
        expected[10] = 1 << 3;
        assertThat(readAll(node.disk(), "d/f")).isEqualTo(expected);
        node.powerLoss();
        assertThat(readAll(node.disk(), "d/f")).isEqualTo(expected);
    }

    @Test
    void misdirectedWriteLandsElsewhere() throws IOException {
        SimNode node = nodeWithDurableFile(6, filled(2 * SECTOR, 0));
        node.disk().faults().misdirectNextWrites(1, SECTOR);
        try (DiskFile f = node.disk().open("d/f", false)) {
            f.write(0, ByteBuffer.wrap(filled(4, 9)));
        }
        byte[] after = readAll(node.disk(), "d/f");
        assertThat(Arrays.copyOfRange(after, 0, 4)).containsOnly(0);
        assertThat(Arrays.copyOfRange(after, SECTOR, SECTOR + 4)).containsOnly(9);
    }

    @Test
    void renameIsDurableOnlyAfterSyncDirectory() throws IOException {
        SimNode node = nodeWithDurableFile(7, filled(10, 1));
        SimDisk disk = node.disk();
        disk.rename("d/f", "d/g");
        assertThat(disk.list("d")).containsExactly("g");
        node.powerLoss();
        assertThat(disk.list("d")).containsExactly("f");

        node.restart();
        disk.rename("d/f", "d/g");
        disk.syncDirectory("d");
        node.powerLoss();
        assertThat(disk.list("d")).containsExactly("g");
        assertThat(readAll(disk, "d/g")).containsOnly(1);
    }

    @Test
    void forcedFileWithoutDirectorySyncVanishesOnPowerLoss() throws IOException {
        SimNode node = nodeWithDurableFile(8, filled(10, 1));
        SimDisk disk = node.disk();
        try (DiskFile f = disk.open("d/new", true)) {
            f.write(0, ByteBuffer.wrap(filled(10, 2)));
            f.force();
        }
        assertThat(disk.delete("d/f")).isTrue();
        assertThat(disk.hasUnsyncedState()).isTrue();
        node.powerLoss();
        assertThat(disk.exists("d/new")).isFalse();
        assertThat(disk.exists("d/f")).isTrue();
    }

    @Test
    void directoriesListSortedChildrenAndRejectBadPaths() throws IOException {
        SimDisk disk = SimWorld.create(9).addNode("n").disk();
        disk.createDirectories("a/b");
        disk.open("a/z", true).close();
        disk.open("a/b/c", true).close();
        disk.open("a-x", true).close();
        assertThat(disk.list("a")).containsExactly("b", "z");
        assertThat(disk.list("")).containsExactly("a", "a-x");
        assertThat(disk.list("missing")).isEmpty();
        assertThatThrownBy(() -> disk.delete("a/b")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> disk.open("../x", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> disk.open("/abs", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> disk.open("nodir/x", true)).isInstanceOf(IOException.class);
        disk.rename("a", "r");
        assertThat(disk.exists("r/b/c")).isTrue();
        assertThat(disk.exists("a/b/c")).isFalse();
    }

    @Test
    void truncateDropsTheTailAndReadsPastTheEndReturnMinusOne() throws IOException {
        SimDisk disk = SimWorld.create(10).addNode("n").disk();
        try (DiskFile f = disk.open("f", true)) {
            f.write(0, ByteBuffer.wrap(filled(1_000, 4)));
            f.truncate(300);
            assertThat(f.sizeBytes()).isEqualTo(300);
            assertThat(f.read(300, ByteBuffer.allocate(10))).isEqualTo(-1);
            f.write(400, ByteBuffer.wrap(filled(1, 5)));
            ByteBuffer gap = ByteBuffer.allocate(100);
            assertThat(f.read(300, gap)).isEqualTo(100);
            assertThat(gap.array()).containsOnly(0);
        }
    }

    @Test
    void aLostDiskComesBackEmptyAfterTheRestart() throws IOException {
        SimNode node = nodeWithDurableFile(11, filled(3 * SECTOR, 7));
        assertThat(node.disk().bytesUsed()).isEqualTo(3 * SECTOR);
        node.loseDisk();
        assertThat(node.isUp()).isFalse();
        node.restart();
        assertThat(node.disk().exists("d/f")).isFalse();
        assertThat(node.disk().exists("d")).isFalse();
        assertThat(node.disk().bytesUsed()).isZero();
        node.disk().createDirectories("d");
        try (DiskFile f = node.disk().open("d/g", true)) {
            f.write(0, ByteBuffer.wrap(filled(10, 1)));
        }
        assertThat(readAll(node.disk(), "d/g")).isEqualTo(filled(10, 1));
    }
}
