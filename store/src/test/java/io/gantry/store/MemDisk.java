package io.gantry.store;

import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A tiny in-memory {@link Disk} for store unit tests: no page-cache model, but it counts forces
 * and can be told to fail them (EIO) for chosen paths.
 */
final class MemDisk implements Disk {
    private final TreeMap<String, byte[]> files = new TreeMap<>();
    private final TreeSet<String> dirs = new TreeSet<>();
    private Predicate<String> failForce = p -> false;
    int forces;

    void failForceOn(Predicate<String> paths) {
        this.failForce = paths;
    }

    byte[] contents(String path) {
        return files.get(path);
    }

    void overwrite(String path, byte[] data) {
        files.put(path, data.clone());
    }

    @Override
    public DiskFile open(String path, boolean create) throws IOException {
        if (!files.containsKey(path)) {
            if (!create) {
                throw new IOException("no such file " + path);
            }
            files.put(path, new byte[0]);
        }
        return new MemFile(path);
    }

    @Override
    public boolean exists(String path) {
        return files.containsKey(path) || dirs.contains(path) || path.isEmpty();
    }

    @Override
    public List<String> list(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        TreeSet<String> names = new TreeSet<>();
        for (String p : files.keySet()) {
            if (p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
                names.add(p.substring(prefix.length()));
            }
        }
        for (String p : dirs) {
            if (p.startsWith(prefix) && p.length() > prefix.length() && p.indexOf('/', prefix.length()) < 0) {
                names.add(p.substring(prefix.length()));
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public void createDirectories(String dir) {
        String d = dir;
        while (!d.isEmpty()) {
            dirs.add(d);
            int slash = d.lastIndexOf('/');
            d = slash < 0 ? "" : d.substring(0, slash);
        }
    }

    @Override
    public boolean delete(String path) {
        return files.remove(path) != null || dirs.remove(path);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        byte[] data = files.remove(from);
        if (data == null) {
            throw new IOException("no such file " + from);
        }
        files.put(to, data);
    }

    @Override
    public void syncDirectory(String dir) {
    }

    @Override
    public long usableSpaceBytes() {
        return 1L << 40;
    }

    @Override
    public long totalSpaceBytes() {
        return 1L << 41;
    }

    private final class MemFile implements DiskFile {
        private final String path;

        MemFile(String path) {
            this.path = path;
        }

        private byte[] data() throws IOException {
            byte[] d = files.get(path);
            if (d == null) {
                throw new IOException("deleted: " + path);
            }
            return d;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public long sizeBytes() throws IOException {
            return data().length;
        }

        @Override
        public int read(long position, ByteBuffer dst) throws IOException {
            byte[] d = data();
            if (position >= d.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), d.length - position);
            dst.put(d, (int) position, n);
            return n;
        }

        @Override
        public void write(long position, ByteBuffer src) throws IOException {
            byte[] d = data();
            long end = position + src.remaining();
            if (end > d.length) {
                d = Arrays.copyOf(d, (int) end);
                files.put(path, d);
            }
            src.get(d, (int) position, src.remaining());
        }

        @Override
        public void force() throws IOException {
            if (failForce.test(path)) {
                throw new IOException("EIO (injected) on force of " + path);
            }
            forces++;
        }

        @Override
        public void truncate(long sizeBytes) throws IOException {
            byte[] d = data();
            if (sizeBytes < d.length) {
                files.put(path, Arrays.copyOf(d, (int) sizeBytes));
            }
        }

        @Override
        public void close() {
        }
    }
}
