package io.gantry.store;

import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint file: 4096 bytes, RocketMQ's timestamps at 0/8/16, masterFlushedOffset (0) at 24,
 * confirmPhyOffset at 32; then Gantry's offsets at 40/48/56 and a CRC32 of bytes 0..4091 in the
 * last 4 bytes.
 *
 * <p>Stored by writing {@code checkpoint.tmp}, forcing it, renaming it over {@code checkpoint} and
 * syncing the directory, so a crash leaves either the old or the new one, never a torn mix.
 * Blocking: run {@link #store} off the loop.
 */
final class Checkpoint {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    static final int FILE_BYTES = 4096;
    private static final int CRC_POSITION = FILE_BYTES - 4;

    private final Disk disk;
    private final String dir;
    private final String path;

    Checkpoint(Disk disk, String dir) {
        this.disk = disk;
        this.dir = dir;
        this.path = dir + "/checkpoint";
    }

    String path() {
        return path;
    }

    /** The stored checkpoint, or {@link CheckpointData#EMPTY} if absent or unreadable (logged). */
    CheckpointData load() throws IOException {
        if (!disk.exists(path)) {
            return CheckpointData.EMPTY;
        }
        ByteBuffer buf = ByteBuffer.allocate(FILE_BYTES);
        try (DiskFile f = disk.open(path, false)) {
            while (buf.hasRemaining() && f.read(buf.position(), buf) > 0) {
                // keep reading
            }
        }
        if (buf.hasRemaining()) {
            LOG.warn("checkpoint {} is {} bytes, not {}: ignoring it, recovery starts from the oldest segment",
                    path, buf.position(), FILE_BYTES);
            return CheckpointData.EMPTY;
        }
        buf.flip();
        CheckpointData data = decode(buf);
        if (data == null) {
            LOG.warn("checkpoint {} fails its CRC: ignoring it, recovery starts from the oldest segment", path);
            return CheckpointData.EMPTY;
        }
        return data;
    }

    /** Atomically replaces the checkpoint file; blocking. */
    void store(CheckpointData data) throws IOException {
        String tmp = path + ".tmp";
        try (DiskFile f = disk.open(tmp, true)) {
            f.truncate(0);
            f.write(0, encode(data));
            f.force();
        }
        disk.rename(tmp, path);
        disk.syncDirectory(dir);
    }

    static ByteBuffer encode(CheckpointData d) {
        ByteBuffer buf = ByteBuffer.allocate(FILE_BYTES);
        buf.putLong(0, d.physicMsgTimestamp());
        buf.putLong(8, d.logicsMsgTimestamp());
        buf.putLong(16, d.indexMsgTimestamp());
        buf.putLong(24, 0L);
        buf.putLong(32, d.physicOffset());
        buf.putLong(40, d.physicOffset());
        buf.putLong(48, d.logicsOffset());
        buf.putLong(56, d.indexOffset());
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, CRC_POSITION);
        buf.putInt(CRC_POSITION, (int) crc.getValue());
        return buf;
    }

    /** Decodes a whole file, or returns null if its CRC does not match. */
    static CheckpointData decode(ByteBuffer buf) {
        CRC32 crc = new CRC32();
        byte[] bytes = new byte[CRC_POSITION];
        buf.get(0, bytes);
        crc.update(bytes);
        if ((int) crc.getValue() != buf.getInt(CRC_POSITION)) {
            return null;
        }
        return new CheckpointData(buf.getLong(0), buf.getLong(8), buf.getLong(16),
                buf.getLong(40), buf.getLong(48), buf.getLong(56));
    }
}
