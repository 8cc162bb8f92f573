package io.gantry.runtime.prod;

import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import io.gantry.runtime.DiskFullException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's disk on the real file system, rooted at its data directory.
 *
 * <p>Seam paths ({@code "commitlog/00000000000000000000"}) are resolved strictly inside the root:
 * absolute paths, backslashes, NUL and {@code ..} segments are rejected with
 * {@link IllegalArgumentException}; empty and {@code .} segments are ignored, so {@code ""} is
 * the root itself. ENOSPC (and EDQUOT) surface as {@link DiskFullException}.
 *
 * <p>Directory durability relies on fsync of the directory, which Linux supports; where a
 * directory cannot be opened as a channel (e.g. Windows) {@link #syncDirectory} does nothing,
 * so creates, deletes and renames are then only as durable as the OS makes them.
 *
 * <p>Does not guarantee anything beyond the {@link Disk} contract; it adds no locking, so the
 * caller must not race operations on the same path.
 */
public final class FileDisk implements Disk {

    private static final Logger LOG = LoggerFactory.getLogger(FileDisk.class);

    private final Path root;

    /** A disk rooted at {@code root}, which is created if missing. */
    public FileDisk(Path root) throws IOException {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    /** The directory this disk is rooted at. */
    public Path root() {
        return root;
    }

    @Override
    public DiskFile open(String path, boolean create) throws IOException {
        Path file = resolve(path);
        try {
            FileChannel channel = create
                    ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new FileDiskFile(path, channel);
        } catch (IOException e) {
            throw translate(path, e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path directory = resolve(dir);
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                throw new IOException("not a directory: " + dir);
            }
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            // Deleted between the check and the listing: same as absent.
            return List.of();
        }
        Collections.sort(names);
        return Collections.unmodifiableList(names);
    }

    @Override
    public void createDirectories(String dir) throws IOException {
        try {
            Files.createDirectories(resolve(dir));
        } catch (IOException e) {
            throw translate(dir, e);
        }
    }

    @Override
    public boolean delete(String path) throws IOException {
        Path target = resolve(path);
        if (target.equals(root)) {
            throw new IllegalArgumentException("refusing to delete the disk root");
        }
        return Files.deleteIfExists(target);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        try {
            // ATOMIC_MOVE is rename(2): it replaces an existing target on POSIX.
            Files.move(resolve(from), resolve(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw translate(from, e);
        }
    }

    @Override
    public void syncDirectory(String dir) throws IOException {
        Path directory = resolve(dir);
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
            // Not every OS lets a directory be opened as a channel; there is nothing to fsync then.
            LOG.debug("cannot open directory {} for fsync, skipping: {}", directory, e.toString());
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    @Override
    public long usableSpaceBytes() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    @Override
    public long totalSpaceBytes() throws IOException {
        return Files.getFileStore(root).getTotalSpace();
    }

    @Override
    public String toString() {
        return "FileDisk[" + root + "]";
    }

    /** Maps a seam path to a file-system path inside the root, rejecting escapes. */
    Path resolve(String path) {
        Objects.requireNonNull(path, "path");
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a relative '/'-separated path: " + path);
        }
        Path resolved = root;
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("'..' is not allowed in a disk path: " + path);
            }
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            resolved = resolved.resolve(segment);
        }
        if (!resolved.normalize().startsWith(root)) {
            throw new IllegalArgumentException("path escapes the disk root: " + path);
        }
        return resolved;
    }

    /** Turns ENOSPC/EDQUOT into {@link DiskFullException}; other failures pass through. */
    static IOException translate(String path, IOException e) {
        if (e instanceof DiskFullException) {
            return e;
        }
        String message = e.getMessage();
        if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
            DiskFullException full = new DiskFullException(path + ": " + message);
            full.initCause(e);
            return full;
        }
        return e;
    }
}
