package io.gantry.simulation;

import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import io.gantry.runtime.DiskFullException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A simulated node's disk with the durability model of {@link Disk}: file data has a page-cache
 * view and a durable view (see {@link SimInode}), and the namespace (which names exist and what
 * they point to) has a current and a durable version; {@link #syncDirectory} copies a directory's
 * entries from the one to the other. A process crash loses nothing; {@link #onPowerLoss()} reverts
 * everything to durable state, tearing unforced writes at 512-byte sectors.
 *
 * <p>Faults: {@link #faults()} (EIO, misdirected writes, latency), {@link #setCapacityBytes}
 * (ENOSPC), {@link #flipBit} (bit rot). Every operation goes into the world's trace hash.
 *
 * <p>Does not guarantee: realistic durability of directory renames across power loss (children
 * of a renamed directory follow the directory's current name); that on-loop calls take virtual
 * time (latency is only charged to offloaded tasks).
 */
public final class SimDisk implements Disk {

    private static final int OP_OPEN = 1;
    private static final int OP_READ = 2;
    private static final int OP_WRITE = 3;
    private static final int OP_FORCE = 4;
    private static final int OP_TRUNCATE = 5;
    private static final int OP_DELETE = 6;
    private static final int OP_RENAME = 7;
    private static final int OP_SYNC_DIR = 8;
    private static final int OP_MKDIR = 9;
    private static final int OP_LIST = 10;
    private static final int OP_POWER_LOSS = 11;
    private static final int OP_FORCE_FAILED = 12;
    private static final int OP_WRITE_FAILED = 13;
    private static final int OP_BIT_FLIP = 14;
    private static final int OP_DISK_LOST = 15;

    private final SimWorld world;
    private final SimNode node;
    private final RandomGenerator random;
    private final DiskFaults faults = new DiskFaults();

    /** Names that exist now (what the running process sees), path to inode. The root "" is implicit. */
    private TreeMap<String, SimInode> current = new TreeMap<>();
    /** Names that survive a power loss. */
    private TreeMap<String, SimInode> durable = new TreeMap<>();
    private final List<SimDiskFile> openHandles = new ArrayList<>();
    private long capacityBytes;
    private long usedBytes;
    private long nextInodeId = 1;

    SimDisk(SimWorld world, SimNode node, RandomGenerator random) {
        this.world = world;
        this.node = node;
        this.random = random;
        this.capacityBytes = world.config().diskCapacityBytes();
    }

    /** The fault switches of this disk. */
    public DiskFaults faults() {
        return faults;
    }

    /** Changes the disk size; writes that would need more than the capacity fail with ENOSPC. */
    public void setCapacityBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("capacity < 0: " + bytes);
        }
        capacityBytes = bytes;
        world.recordFault("disk-capacity", node.idHash(), bytes);
    }

    /** Bit rot at rest: flips bit {@code bitOffset} of the file at {@code path}, in the page cache and on disk. */
    public void flipBit(String path, long bitOffset) throws IOException {
        SimInode inode = requireFile(path);
        if (bitOffset < 0 || bitOffset / 8 >= Math.max(inode.length(), inode.durableLength())) {
            throw new IllegalArgumentException("bit offset outside " + path + ": " + bitOffset);
        }
        inode.flipBit(bitOffset);
        trace(OP_BIT_FLIP, path, bitOffset, 0, 0);
    }

    /**
     * How many bytes of {@code path} are at rest: its length as of its last successful force. A
     * scenario picks bit-flip targets below it ({@link #flipBit} only changes bytes that exist).
     * An inspection, not an operation: not traced, no latency.
     */
    public long durableLengthBytes(String path) throws IOException {
        return requireFile(path).durableLength();
    }

    /**
     * Permanent disk loss: every file, name and byte, durable or not, is gone, and an empty disk of
     * the same capacity takes its place (a replaced drive). Only while the node is down (no handle
     * is open); faults stay as they are set.
     */
    void replaceWithEmpty() {
        if (!openHandles.isEmpty()) {
            throw new IllegalStateException("disk of " + node.id() + " replaced with " + openHandles.size()
                    + " handles open: the node must be down");
        }
        trace(OP_DISK_LOST, "", current.size(), durable.size(), 0);
        current = new TreeMap<>();
        durable = new TreeMap<>();
        recomputeUsage();
    }

    /** True if some data or directory entry would be lost by a power loss right now. */
    public boolean hasUnsyncedState() {
        return !current.equals(durable) || current.values().stream().anyMatch(i -> !i.directory && i.hasUnforcedChanges());
    }

    /** Bytes held by files that have a name or an open handle. */
    public long bytesUsed() {
        return usedBytes;
    }

    @Override
    public DiskFile open(String path, boolean create) throws IOException {
        checkPath(path, false);
        chargeIo();
        trace(OP_OPEN, path, create ? 1 : 0, 0, 0);
        SimInode inode = current.get(path);
        if (inode == null) {
            if (!create) {
                throw new NoSuchFileException(path);
            }
            requireDirectory(parentOf(path));
            inode = new SimInode(nextInodeId++, false);
            link(path, inode);
        } else if (inode.directory) {
            throw new IOException("is a directory: " + path);
        }
        SimDiskFile file = new SimDiskFile(this, inode, path);
        openHandles.add(file);
        return file;
    }

    @Override
    public boolean exists(String path) {
        checkPath(path, true);
        return path.isEmpty() || current.containsKey(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        checkPath(dir, true);
        trace(OP_LIST, dir, 0, 0, 0);
        List<String> names = new ArrayList<>();
        if (!dir.isEmpty() && !isDirectory(dir)) {
            return names;
        }
        for (String child : directChildren(current, dir).keySet()) {
            names.add(child.substring(dir.isEmpty() ? 0 : dir.length() + 1));
        }
        return names;
    }

    @Override
    public void createDirectories(String dir) throws IOException {
        checkPath(dir, true);
        chargeIo();
        trace(OP_MKDIR, dir, 0, 0, 0);
        if (dir.isEmpty()) {
            return;
        }
        int from = 0;
        while (true) {
            int slash = dir.indexOf('/', from);
            String prefix = slash < 0 ? dir : dir.substring(0, slash);
            SimInode existing = current.get(prefix);
            if (existing == null) {
                link(prefix, new SimInode(nextInodeId++, true));
            } else if (!existing.directory) {
                throw new FileAlreadyExistsException(prefix, null, "exists and is not a directory");
            }
            if (slash < 0) {
                return;
            }
            from = slash + 1;
        }
    }

    @Override
    public boolean delete(String path) throws IOException {
        checkPath(path, false);
        chargeIo();
        trace(OP_DELETE, path, 0, 0, 0);
        SimInode inode = current.get(path);
        if (inode == null) {
            return false;
        }
        if (inode.directory && !descendants(current, path).isEmpty()) {
            throw new DirectoryNotEmptyException(path);
        }
        unlink(path);
        return true;
    }

    @Override
    public void rename(String from, String to) throws IOException {
        checkPath(from, false);
        checkPath(to, false);
        chargeIo();
        trace(OP_RENAME, from + "\u0000" + to, 0, 0, 0);
        SimInode inode = current.get(from);
        if (inode == null) {
            throw new NoSuchFileException(from);
        }
        requireDirectory(parentOf(to));
        if (from.equals(to)) {
            return;
        }
        if (inode.directory && to.startsWith(from + "/")) {
            throw new IOException("cannot move a directory into itself: " + from + " -> " + to);
        }
        SimInode target = current.get(to);
        if (target != null) {
            if (target.directory != inode.directory) {
                throw new IOException("rename between a file and a directory: " + from + " -> " + to);
            }
            if (target.directory && !descendants(current, to).isEmpty()) {
                throw new DirectoryNotEmptyException(to);
            }
            unlink(to);
        }
        if (inode.directory) {
            // Move the whole subtree under its new name.
            List<Map.Entry<String, SimInode>> subtree = new ArrayList<>(descendants(current, from).entrySet());
            for (Map.Entry<String, SimInode> e : subtree) {
                current.remove(e.getKey());
            }
            for (Map.Entry<String, SimInode> e : subtree) {
                current.put(to + e.getKey().substring(from.length()), e.getValue());
            }
        }
        current.remove(from);
        current.put(to, inode);
    }

    @Override
    public void syncDirectory(String dir) throws IOException {
        checkPath(dir, true);
        chargeForce();
        trace(OP_SYNC_DIR, dir, 0, 0, 0);
        if (!dir.isEmpty()) {
            requireDirectory(dir);
        }
        for (String name : directChildren(durable, dir).keySet()) {
            durable.remove(name);
        }
        durable.putAll(directChildren(current, dir));
    }

    @Override
    public long usableSpaceBytes() {
        return Math.max(0, capacityBytes - usedBytes);
    }

    @Override
    public long totalSpaceBytes() {
        return capacityBytes;
    }

    // ---- called by SimDiskFile ----

    int read(SimDiskFile file, SimInode inode, long position, ByteBuffer dst) {
        chargeIo();
        trace(OP_READ, file, position, dst.remaining(), 0);
        if (position >= inode.length()) {
            return -1;
        }
        int wanted = dst.remaining();
        if (dst.hasArray()) {
            int n = inode.read(position, dst.array(), dst.arrayOffset() + dst.position(), wanted);
            dst.position(dst.position() + n);
            return n;
        }
        byte[] tmp = new byte[wanted];
        int n = inode.read(position, tmp, 0, wanted);
        dst.put(tmp, 0, n);
        return n;
    }

    void write(SimDiskFile file, SimInode inode, long position, ByteBuffer src) throws IOException {
        chargeIo();
        int length = src.remaining();
        if (faults.shouldFailWrite(random)) {
            trace(OP_WRITE_FAILED, file, position, length, 0);
            throw new IOException("EIO: injected write error on " + file.path() + " at " + position);
        }
        long at = faults.landingPosition(position);
        byte[] bytes = new byte[length];
        src.get(bytes);
        trace(OP_WRITE, file, at, length, TraceHash.hashOf(bytes, 0, length));
        long growth = Math.max(0, at + length - inode.length());
        long free = capacityBytes - usedBytes;
        int fits = length;
        if (growth > free) {
            // Write the prefix that fits, as the seam allows, then report ENOSPC.
            fits = (int) Math.max(0, Math.min(length, inode.length() + Math.max(0, free) - at));
        }
        int before = inode.length();
        inode.write(at, bytes, 0, fits);
        usedBytes += inode.length() - before;
        if (fits < length) {
            throw new DiskFullException("ENOSPC: no space for " + length + " bytes at " + position
                    + " in " + file.path() + " (" + usableSpaceBytes() + " of " + capacityBytes + " free)");
        }
    }

    void force(SimDiskFile file, SimInode inode) throws IOException {
        chargeForce();
        if (faults.shouldFailForce(random)) {
            inode.failedForce(random);
            trace(OP_FORCE_FAILED, file, 0, 0, 0);
            throw new IOException("EIO: injected fsync error on " + file.path() + "; durability unknown");
        }
        trace(OP_FORCE, file, inode.length(), 0, 0);
        inode.makeDurable();
    }

    void truncate(SimDiskFile file, SimInode inode, long size) {
        chargeIo();
        trace(OP_TRUNCATE, file, size, 0, 0);
        int before = inode.length();
        inode.truncate(size);
        usedBytes += inode.length() - before;
    }

    void closed(SimDiskFile handle) {
        boolean removed = openHandles.remove(handle);
        assert removed : "closing a handle the disk does not know";
        recomputeUsage();
    }

    // ---- called by SimNode ----

    /** The process died: its handles close; unlinked files it held open are freed. Data stays. */
    void onProcessDeath() {
        List<SimDiskFile> handles = new ArrayList<>(openHandles);
        openHandles.clear();
        for (SimDiskFile h : handles) {
            h.kill();
        }
        recomputeUsage();
    }

    /** The power went out: only durable data and names remain, unforced writes torn by sector. */
    void onPowerLoss() {
        trace(OP_POWER_LOSS, "", 0, 0, 0);
        TreeMap<Long, SimInode> survivors = new TreeMap<>();
        for (SimInode inode : durable.values()) {
            survivors.put(inode.id, inode);
        }
        // Iterate by inode id so the seeded choices do not depend on path order changes.
        for (SimInode inode : survivors.values()) {
            if (!inode.directory) {
                inode.powerLoss(random);
            }
        }
        current = new TreeMap<>(durable);
        recomputeUsage();
    }

    // ---- helpers ----

    private void link(String path, SimInode inode) {
        current.put(path, inode);
    }

    private void unlink(String path) {
        if (current.remove(path) != null) {
            recomputeUsage();
        }
    }

    /** Space is held by files that have a name or an open handle. */
    private void recomputeUsage() {
        // O(files) per call: charged to the step budget, so a run that creates files without bound stops.
        world.step(1 + (current.size() + openHandles.size()) / 64);
        TreeMap<Long, SimInode> live = new TreeMap<>();
        for (SimInode inode : current.values()) {
            live.put(inode.id, inode);
        }
        for (SimDiskFile h : openHandles) {
            live.put(h.inode().id, h.inode());
        }
        long used = 0;
        for (SimInode inode : live.values()) {
            if (!inode.directory) {
                used += inode.length();
            }
        }
        usedBytes = used;
    }

    private SimInode requireFile(String path) throws IOException {
        checkPath(path, false);
        SimInode inode = current.get(path);
        if (inode == null) {
            throw new NoSuchFileException(path);
        }
        if (inode.directory) {
            throw new IOException("is a directory: " + path);
        }
        return inode;
    }

    private void requireDirectory(String dir) throws IOException {
        if (dir.isEmpty()) {
            return;
        }
        SimInode inode = current.get(dir);
        if (inode == null) {
            throw new NoSuchFileException(dir, null, "parent directory does not exist");
        }
        if (!inode.directory) {
            throw new NotDirectoryException(dir);
        }
    }

    private boolean isDirectory(String path) {
        SimInode inode = current.get(path);
        return inode != null && inode.directory;
    }

    /** A copy of the direct children of {@code dir} in {@code namespace}, sorted by path. */
    private static TreeMap<String, SimInode> directChildren(TreeMap<String, SimInode> namespace, String dir) {
        int prefixLength = dir.isEmpty() ? 0 : dir.length() + 1;
        TreeMap<String, SimInode> result = new TreeMap<>();
        for (Map.Entry<String, SimInode> e : descendants(namespace, dir).entrySet()) {
            if (e.getKey().indexOf('/', prefixLength) < 0) {
                result.put(e.getKey(), e.getValue());
            }
        }
        return result;
    }

    private static SortedMap<String, SimInode> descendants(TreeMap<String, SimInode> namespace, String dir) {
        if (dir.isEmpty()) {
            return namespace;
        }
        // '0' is the character after '/', so this range is exactly the paths under dir/.
        return namespace.subMap(dir + "/", dir + "0");
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Rejects absolute paths, empty, "." and ".." segments, and backslashes. */
    static void checkPath(String path, boolean rootAllowed) {
        if (path == null) {
            throw new IllegalArgumentException("path is null");
        }
        if (path.isEmpty()) {
            if (rootAllowed) {
                return;
            }
            throw new IllegalArgumentException("empty path");
        }
        if (path.indexOf('\\') >= 0 || path.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("bad character in path: " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("bad path (absolute, empty, . or .. segment): " + path);
            }
        }
    }

    private void chargeIo() {
        node.chargeLatencyNanos(world.config().diskWriteLatencyMicros() * 1_000L + faults.extraLatencyNanos());
    }

    private void chargeForce() {
        node.chargeLatencyNanos(world.config().diskForceLatencyMicros() * 1_000L + faults.extraLatencyNanos());
    }

    private void trace(int op, SimDiskFile file, long a, long b, long c) {
        world.trace().record(TraceKinds.DISK_OP, node.idHash(), op, file.pathHash(), a, b, c);
    }

    private void trace(int op, String path, long a, long b, long c) {
        world.step();
        world.trace().record(TraceKinds.DISK_OP, node.idHash(), op, TraceHash.hashOf(path), a, b, c);
    }
}
