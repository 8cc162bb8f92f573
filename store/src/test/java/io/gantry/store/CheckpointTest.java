package io.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path tmp;
    private FaultyDisk disk;

    @BeforeEach
    void setUpDisk() {
        disk = new FaultyDisk(tmp);
    }

    @Test
    void roundTripsInA4096ByteFileWithTheReferenceFieldsFirst() throws Exception {
        disk.createDirectories("store");
        Checkpoint cp = new Checkpoint(disk, "store");
        assertThat(cp.load()).isEqualTo(CheckpointData.EMPTY);
        CheckpointData data = new CheckpointData(111, 222, 333, 4096, 2048, 1024);
        cp.store(data);
        assertThat(disk.list("store")).containsExactly("checkpoint");
        byte[] raw = disk.contents("store/checkpoint");
        assertThat(raw).hasSize(4096);
        ByteBuffer b = ByteBuffer.wrap(raw);
        assertThat(b.getLong(0)).isEqualTo(111);
        assertThat(b.getLong(8)).isEqualTo(222);
        assertThat(b.getLong(16)).isEqualTo(333);
        assertThat(b.getLong(32)).as("confirmPhyOffset").isEqualTo(4096);
        assertThat(new Checkpoint(disk, "store").load()).isEqualTo(data);
    }

    @Test
    void aCorruptCheckpointIsIgnoredNotTrusted() throws Exception {
        disk.createDirectories("store");
        Checkpoint cp = new Checkpoint(disk, "store");
        cp.store(new CheckpointData(1, 2, 3, 4, 5, 6));
        byte[] raw = disk.contents("store/checkpoint");
        raw[50] ^= 1;
        disk.overwrite("store/checkpoint", raw);
        assertThat(cp.load()).isEqualTo(CheckpointData.EMPTY);
        disk.overwrite("store/checkpoint", new byte[100]);
        assertThat(cp.load()).isEqualTo(CheckpointData.EMPTY);
    }

    @Test
    void abortMarkerTellsACrashFromACleanShutdown() throws Exception {
        disk.createDirectories("store");
        AbortMarker abort = new AbortMarker(disk, "store");
        assertThat(abort.present()).isFalse();
        abort.create();
        assertThat(abort.present()).isTrue();
        assertThat(disk.list("store")).containsExactly("abort");
        abort.delete();
        assertThat(abort.present()).isFalse();
    }
}
