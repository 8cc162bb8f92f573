package io.gantry.simulation;

import io.gantry.runtime.DiskFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * An open handle on a {@link SimDisk} file, like a file descriptor: it keeps working on the file's
 * contents after the file is deleted or renamed, and dies with the process (a crash closes it).
 */
final class SimDiskFile implements DiskFile {

    private final SimDisk disk;
    private final SimInode inode;
    private final String path;
    /** {@link TraceHash#hashOf(String)} of the path, cached: every read, write and force is traced. */
    private final long pathHash;
    private boolean open = true;

    SimDiskFile(SimDisk disk, SimInode inode, String path) {
        this.disk = disk;
        this.inode = inode;
        this.path = path;
        this.pathHash = TraceHash.hashOf(path);
    }

    long pathHash() {
        return pathHash;
    }

    SimInode inode() {
        return inode;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public long sizeBytes() throws IOException {
        checkOpen();
        return inode.length();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        checkOpen();
        if (position < 0) {
            throw new IllegalArgumentException("position < 0: " + position);
        }
        return disk.read(this, inode, position, dst);
    }

    @Override
    public void write(long position, ByteBuffer src) throws IOException {
        checkOpen();
        if (position < 0) {
            throw new IllegalArgumentException("position < 0: " + position);
        }
        disk.write(this, inode, position, src);
    }

    @Override
    public void force() throws IOException {
        checkOpen();
        disk.force(this, inode);
    }

    @Override
    public void truncate(long sizeBytes) throws IOException {
        checkOpen();
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes < 0: " + sizeBytes);
        }
        disk.truncate(this, inode, sizeBytes);
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            disk.closed(this);
        }
    }

    /** The process died: the handle is gone without the disk hearing a close per file. */
    void kill() {
        open = false;
    }

    private void checkOpen() throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public String toString() {
        return "SimDiskFile[" + path + "]";
    }
}
