package io.gantry.store;

import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import io.gantry.runtime.prod.FileDisk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The production {@link FileDisk} in a test directory, with an injectable EIO on force for chosen
 * paths and a force counter; plus helpers to read and overwrite whole files (to tear or corrupt
 * them between runs).
 */
final class FaultyDisk implements Disk {
    private final Disk delegate;
    private Predicate<String> failForce = p -> false;
    int forces;
    /** When set, the disk reports this percentage of its space as used. */
    Integer usedPercent;

    FaultyDisk(Path root) {
        try {
            this.delegate = new FileDisk(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void failForceOn(Predicate<String> paths) {
        this.failForce = paths;
    }

    /** The whole file, or null if absent. */
    byte[] contents(String path) throws IOException {
        if (!delegate.exists(path)) {
            return null;
        }
        try (DiskFile f = delegate.open(path, false)) {
            ByteBuffer b = ByteBuffer.allocate((int) f.sizeBytes());
            while (b.hasRemaining() && f.read(b.position(), b) > 0) {
                // keep reading
            }
            return b.array();
        }
    }

    void overwrite(String path, byte[] data) throws IOException {
        try (DiskFile f = delegate.open(path, true)) {
            f.truncate(0);
            f.write(0, ByteBuffer.wrap(data));
        }
    }

    @Override
    public DiskFile open(String path, boolean create) throws IOException {
        DiskFile file = delegate.open(path, create);
        return new DiskFile() {
            @Override
            public String path() {
                return file.path();
            }

            @Override
            public long sizeBytes() throws IOException {
                return file.sizeBytes();
            }

            @Override
            public int read(long position, ByteBuffer dst) throws IOException {
                return file.read(position, dst);
            }

            @Override
            public void write(long position, ByteBuffer src) throws IOException {
                file.write(position, src);
            }

            @Override
            public void force() throws IOException {
                if (failForce.test(path)) {
                    throw new IOException("EIO (injected) on force of " + path);
                }
                file.force();
                forces++;
            }

            @Override
            public void truncate(long sizeBytes) throws IOException {
                file.truncate(sizeBytes);
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    @Override
    public boolean exists(String path) {
        return delegate.exists(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public void createDirectories(String dir) throws IOException {
        delegate.createDirectories(dir);
    }

    @Override
    public boolean delete(String path) throws IOException {
        return delegate.delete(path);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        delegate.rename(from, to);
    }

    @Override
    public void syncDirectory(String dir) throws IOException {
        delegate.syncDirectory(dir);
    }

    @Override
    public long usableSpaceBytes() throws IOException {
        return usedPercent == null ? delegate.usableSpaceBytes() : (100 - usedPercent) * 1_000_000L;
    }

    @Override
    public long totalSpaceBytes() throws IOException {
        return usedPercent == null ? delegate.totalSpaceBytes() : 100 * 1_000_000L;
    }
}
