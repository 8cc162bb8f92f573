package io.gantry.store;

import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The {@code replicaTruncate} file: written (durably) before a slave cuts its commit log, consume
 * queues and checkpoint to a shared prefix, deleted once the cut is durable. Finding it at start
 * means a cut may be half done, so the store redoes it before recovery (see
 * {@link MessageStore#open}). Holds the target offset and a CRC of it; an unreadable marker means
 * the crash came while writing it, before anything was cut, and it is ignored. Blocking calls.
 */
final class TruncationMarker {
    private static final int FILE_BYTES = 16;
    private static final long MAGIC = 0x67616e7472756e63L;

    private final Disk disk;
    private final String dir;
    private final String path;

    TruncationMarker(Disk disk, String dir) {
        this.disk = disk;
        this.dir = dir;
        this.path = dir + "/replicaTruncate";
    }

    /** The target offset of an unfinished cut, or -1 if there is none. */
    long pendingTarget() throws IOException {
        if (!disk.exists(path)) {
            return -1;
        }
        ByteBuffer buf = ByteBuffer.allocate(FILE_BYTES);
        try (DiskFile f = disk.open(path, false)) {
            while (buf.hasRemaining() && f.read(buf.position(), buf) > 0) {
                // keep reading
            }
        }
        if (buf.hasRemaining()) {
            return -1;
        }
        buf.flip();
        long target = buf.getLong(0);
        long check = buf.getLong(8);
        return check == checksum(target) && target >= 0 ? target : -1;
    }

    void write(long target) throws IOException {
        try (DiskFile f = disk.open(path, true)) {
            f.truncate(0);
            ByteBuffer buf = ByteBuffer.allocate(FILE_BYTES).putLong(target).putLong(checksum(target)).flip();
            f.write(0, buf);
            f.force();
        }
        disk.syncDirectory(dir);
    }

    void delete() throws IOException {
        if (disk.exists(path)) {
            disk.delete(path);
            disk.syncDirectory(dir);
        }
    }

    private static long checksum(long target) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(8).putLong(target ^ MAGIC).array());
        return crc.getValue();
    }
}
