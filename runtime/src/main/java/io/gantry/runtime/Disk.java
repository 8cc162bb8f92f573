package io.gantry.runtime;

import java.io.IOException;
import java.util.List;

/**
 * A node's disk: files named by path, with an explicit page cache / durable split.
 *
 * <p>Paths are strings relative to the node's disk root, with {@code /} as separator and no
 * {@code ..} segments (an implementation rejects those with {@link IllegalArgumentException}).
 *
 * <p>Durability model (what the simulation enforces and production delivers on Linux):
 * <ul>
 *   <li>{@link DiskFile#write} lands in the page cache: it survives a process crash, not a
 *       power loss.</li>
 *   <li>{@link DiskFile#force} makes every earlier write to that file durable, once it returns
 *       normally. If it throws, nothing is known about which writes are durable, and the file
 *       must not be trusted until recovery re-reads it (the fsync-gate lesson).</li>
 *   <li>Creating, deleting and renaming files are directory operations: they are durable only
 *       after {@link #syncDirectory} on the parent returns.</li>
 * </ul>
 *
 * <p>Does not guarantee: atomicity of a write larger than one 512-byte sector across a power
 * loss (it may be torn at any sector boundary); ordering between unforced writes across a
 * power loss; that data read back is what was written (bit rot is possible: check CRCs);
 * that calls are fast (they block: call slow ones, above all {@code force}, through
 * {@link Scheduler#offload}).
 */
public interface Disk {

    /** Opens a file for reading and writing; creates it empty if {@code create} and absent. */
    DiskFile open(String path, boolean create) throws IOException;

    /** True if a file or directory exists at {@code path}. */
    boolean exists(String path);

    /** Names (not paths) of the entries directly in {@code dir}, sorted; empty if it is absent. */
    List<String> list(String dir) throws IOException;

    /** Creates the directory and any missing parents; no-op if it exists. */
    void createDirectories(String dir) throws IOException;

    /** Deletes a file or an empty directory; returns false if it did not exist. */
    boolean delete(String path) throws IOException;

    /** Atomically renames {@code from} to {@code to}, replacing {@code to} if it exists. */
    void rename(String from, String to) throws IOException;

    /** Makes creates, deletes and renames inside {@code dir} durable. */
    void syncDirectory(String dir) throws IOException;

    /** Bytes still free for this node's files. */
    long usableSpaceBytes() throws IOException;

    /** Total bytes of the volume holding this node's files. */
    long totalSpaceBytes() throws IOException;
}
