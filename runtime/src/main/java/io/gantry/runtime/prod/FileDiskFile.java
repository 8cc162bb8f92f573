package io.gantry.runtime.prod;

import io.gantry.runtime.DiskFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * An open file of a {@link FileDisk}: positional I/O on a {@link FileChannel}.
 *
 * <p>{@link #force()} is {@code force(false)}, i.e. fdatasync on Linux: it flushes the data and
 * the metadata needed to read it back (the file size included), but not timestamps. Gantry
 * never relies on mtime/atime, so the extra journal write of a full fsync would buy nothing.
 *
 * <p>FileChannel's positional operations are safe to call concurrently, which is what lets
 * {@link #force()} run in an offloaded task while the loop keeps writing.
 *
 * <p>Does not guarantee more than {@link DiskFile}; in particular, writes are not atomic.
 */
final class FileDiskFile implements DiskFile {

    private final String path;
    private final FileChannel channel;

    FileDiskFile(String path, FileChannel channel) {
        this.path = Objects.requireNonNull(path, "path");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public long sizeBytes() throws IOException {
        return channel.size();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        checkPosition(position);
        if (!dst.hasRemaining()) {
            return position >= channel.size() ? -1 : 0;
        }
        int total = 0;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position + total);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void write(long position, ByteBuffer src) throws IOException {
        checkPosition(position);
        long at = position;
        try {
            // A positional write may be partial; keep going until the buffer is drained.
            while (src.hasRemaining()) {
                at += channel.write(src, at);
            }
        } catch (IOException e) {
            throw FileDisk.translate(path, e);
        }
    }

    @Override
    public void force() throws IOException {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw FileDisk.translate(path, e);
        }
    }

    @Override
    public void truncate(long sizeBytes) throws IOException {
        checkPosition(sizeBytes);
        try {
            long current = channel.size();
            if (sizeBytes < current) {
                channel.truncate(sizeBytes);
            } else if (sizeBytes > current) {
                // FileChannel.truncate never grows a file; one zero byte at the end does, and the gap reads as zeros.
                ByteBuffer zero = ByteBuffer.allocate(1);
                while (zero.hasRemaining()) {
                    channel.write(zero, sizeBytes - 1);
                }
            }
        } catch (IOException e) {
            throw FileDisk.translate(path, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "FileDiskFile[" + path + "]";
    }

    private static void checkPosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position: " + position);
        }
    }
}
