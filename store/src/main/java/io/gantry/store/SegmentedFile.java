package io.gantry.store;

import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A byte log stored as fixed-size segment files in one directory, each named by its start offset
 * (20 digits, zero-padded). Offsets are global: byte {@code n} of the log lives in the segment
 * starting at {@code n - n % segmentSizeBytes}.
 *
 * <p>Tracks two positions: the write position (end of the page-cache data) and the durable
 * position (covered by a force that returned). Appends never cross a segment end; the caller
 * decides how to fill the rest of a segment ({@link #skipToNextSegment()}).
 *
 * <p>Used on one loop, except the {@link ForceTask} which runs off the loop while appends go on.
 * Does not check content: recovery of what the bytes mean is the caller's job, which then cuts
 * the log with {@link #truncateTo}. Segment files are not preallocated: a segment's file size is
 * how far it was written.
 */
final class SegmentedFile implements AutoCloseable {
    static final int NAME_DIGITS = 20;

    private final Disk disk;
    private final String dir;
    private final int segmentSizeBytes;
    private final ArrayList<Segment> segments = new ArrayList<>();
    /** Directories whose entries changed since the last force; a force syncs them. */
    private final List<String> dirtyDirectories = new ArrayList<>();
    private long writePosition;
    private long durablePosition;
    private int forcesInFlight;

    private record Segment(long startOffset, DiskFile file) {
    }

    private SegmentedFile(Disk disk, String dir, int segmentSizeBytes) {
        this.disk = disk;
        this.dir = dir;
        this.segmentSizeBytes = segmentSizeBytes;
    }

    /**
     * Opens the segments in {@code dir}, creating the directory if absent. The write position is
     * the end of the last segment's data; nothing is assumed durable until {@link #forceAll()}.
     *
     * @param initialOffset where an empty log starts (a multiple of the segment size)
     * @throws StoreCorruptionException on a foreign file name, a misaligned or oversized segment, or a gap
     */
    static SegmentedFile open(Disk disk, String dir, int segmentSizeBytes, long initialOffset) throws IOException {
        if (segmentSizeBytes <= 0 || initialOffset < 0 || initialOffset % segmentSizeBytes != 0) {
            throw new IllegalArgumentException("bad segment size " + segmentSizeBytes + " or start " + initialOffset);
        }
        SegmentedFile log = new SegmentedFile(disk, dir, segmentSizeBytes);
        log.createDirectoryChain();
        long expected = -1;
        for (String name : disk.list(dir)) {
            long start = parseName(name);
            String path = dir + "/" + name;
            if (start < 0) {
                throw new StoreCorruptionException("unexpected file " + path + " among segments");
            }
            if (start % segmentSizeBytes != 0) {
                throw new StoreCorruptionException("segment " + path + " does not start at a multiple of "
                        + segmentSizeBytes);
            }
            if (expected >= 0 && start != expected) {
                throw new StoreCorruptionException("segment gap in " + dir + ": expected " + fileName(expected)
                        + ", found " + name);
            }
            DiskFile file = disk.open(path, false);
            long size = file.sizeBytes();
            if (size > segmentSizeBytes) {
                file.close();
                throw new StoreCorruptionException("segment " + path + " is " + size + " bytes, larger than "
                        + segmentSizeBytes);
            }
            log.segments.add(new Segment(start, file));
            expected = start + segmentSizeBytes;
        }
        if (log.segments.isEmpty()) {
            log.writePosition = initialOffset;
        } else {
            Segment last = log.lastSegment();
            log.writePosition = last.startOffset + last.file.sizeBytes();
        }
        log.durablePosition = log.minOffset();
        return log;
    }

    static String fileName(long startOffset) {
        String digits = Long.toString(startOffset);
        return "0".repeat(NAME_DIGITS - digits.length()) + digits;
    }

    /** The start offset a segment file name encodes, or -1 if it is not a segment name. */
    static long parseName(String name) {
        if (name.length() != NAME_DIGITS) {
            return -1;
        }
        for (int i = 0; i < NAME_DIGITS; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    String directory() {
        return dir;
    }

    int segmentSizeBytes() {
        return segmentSizeBytes;
    }

    /** Offset of the first byte still stored (start of the oldest segment), or the write position if none. */
    long minOffset() {
        return segments.isEmpty() ? writePosition : segments.get(0).startOffset;
    }

    long writePosition() {
        return writePosition;
    }

    /** Everything before this offset is covered by a force that returned. */
    long durablePosition() {
        return durablePosition;
    }

    /** Start offsets of the segments, oldest first. */
    List<Long> segmentStarts() {
        List<Long> starts = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            starts.add(s.startOffset);
        }
        return starts;
    }

    /** Path of the segment holding {@code offset}, for messages. */
    String pathOf(long offset) {
        return dir + "/" + fileName(offset - Math.floorMod(offset, segmentSizeBytes));
    }

    /** Bytes that still fit before the end of the segment holding the write position. */
    int remainingInSegment() {
        return segmentSizeBytes - (int) (writePosition % segmentSizeBytes);
    }

    /**
     * Writes all of {@code src} at the write position and returns the offset it was written at.
     * A failed write (e.g. disk full) leaves the write position unchanged.
     *
     * @throws IllegalArgumentException if {@code src} does not fit in the current segment
     */
    long append(ByteBuffer src) throws IOException {
        int length = src.remaining();
        if (length > remainingInSegment()) {
            throw new IllegalArgumentException(length + " bytes do not fit the " + remainingInSegment()
                    + " left in " + pathOf(writePosition));
        }
        if (length == 0) {
            return writePosition;
        }
        Segment segment = segmentForWrite();
        long at = writePosition;
        try {
            segment.file.write(at - segment.startOffset, src);
        } catch (IOException e) {
            // A failed write may have written a prefix (ENOSPC writes what fits). Cut it: the next
            // start takes the write position from the file size and would read it as data.
            try {
                segment.file.truncate(at - segment.startOffset);
            } catch (IOException | RuntimeException cut) {
                e.addSuppressed(cut);
            }
            throw e;
        }
        writePosition = at + length;
        return at;
    }

    /** Moves the write position to the start of the next segment; no-op at a segment boundary. */
    void skipToNextSegment() {
        long inSegment = writePosition % segmentSizeBytes;
        if (inSegment != 0) {
            writePosition += segmentSizeBytes - inSegment;
        }
    }

    /**
     * Reads {@code length} bytes at {@code offset}. The range must lie within one segment and
     * before the write position.
     */
    ByteBuffer read(long offset, int length) throws IOException {
        Segment segment = segmentHolding(offset);
        long inSegment = offset - segment.startOffset;
        if (length < 0 || inSegment + length > segmentSizeBytes || offset + length > writePosition) {
            throw new IllegalArgumentException("read of " + length + " bytes at " + offset + " outside "
                    + dir + " (write position " + writePosition + ")");
        }
        ByteBuffer dst = ByteBuffer.allocate(length);
        while (dst.hasRemaining()) {
            int n = segment.file.read(inSegment + dst.position(), dst);
            if (n < 0) {
                // Segments are not preallocated: a sealed segment's file ends after its filler
                // header, and the skipped rest reads as zeros, as a gap would.
                dst.position(dst.limit());
            }
        }
        return dst.flip();
    }

    /** Reads at most {@code maxLength} bytes at {@code offset}, stopping at the segment end and write position. */
    ByteBuffer readUpTo(long offset, int maxLength) throws IOException {
        long segmentEnd = offset - Math.floorMod(offset, segmentSizeBytes) + segmentSizeBytes;
        long end = Math.min(Math.min(segmentEnd, writePosition), offset + maxLength);
        return read(offset, (int) Math.max(0, end - offset));
    }

    /** True if {@code offset} is in a stored segment and before the write position. */
    boolean contains(long offset) {
        return offset >= minOffset() && offset < writePosition;
    }

    /**
     * Reads {@code [from, to)} and writes the same bytes back, so the page cache holds them dirty
     * again. After a failed fsync a kernel may have marked pages clean without writing them: a
     * later fsync then succeeds without making them durable. Recovery rewrites what it cannot know
     * to be durable before forcing, so its force really covers it. Blocking.
     */
    void rewrite(long from, long to) throws IOException {
        long position = Math.max(from, minOffset());
        long end = Math.min(to, writePosition);
        while (position < end) {
            Segment segment = segmentHolding(position);
            long inSegment = position - segment.startOffset;
            long fileEnd = Math.min(segment.file.sizeBytes(), segmentSizeBytes);
            long stop = Math.min(end - segment.startOffset, fileEnd);
            if (inSegment < stop) {
                ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(stop - inSegment, 1 << 20));
                while (chunk.hasRemaining() && segment.file.read(inSegment + chunk.position(), chunk) > 0) {
                    // keep reading
                }
                chunk.flip();
                int n = chunk.remaining();
                segment.file.write(inSegment, chunk);
                position += n;
                if (n == 0) {
                    position = segment.startOffset + segmentSizeBytes;
                }
            } else {
                position = segment.startOffset + segmentSizeBytes;
            }
        }
    }

    /**
     * Cuts the log at {@code offset}: deletes the segments starting after it and shortens the one
     * holding it. When {@code offset} is a segment start, the segment starting there stays as an
     * empty file (created if only earlier segments exist): the write position is recomputed from the files at the next
     * open, and without a file there it would fall back into the previous segment, below what a
     * force (and so the checkpoint) may already claim. The next {@link #prepareForce} covers the
     * cut, its empty file and the directory. Used by recovery, never while a force is in flight.
     */
    void truncateTo(long offset) throws IOException {
        if (forcesInFlight > 0) {
            throw new IllegalStateException("truncate of " + dir + " while a force is in flight");
        }
        if (offset > writePosition) {
            throw new IllegalArgumentException("truncate of " + dir + " to " + offset + " beyond " + writePosition);
        }
        boolean atBoundary = offset % segmentSizeBytes == 0;
        while (!segments.isEmpty() && (lastSegment().startOffset > offset
                || (lastSegment().startOffset == offset && !atBoundary))) {
            Segment last = segments.remove(segments.size() - 1);
            last.file.close();
            disk.delete(last.file.path());
            markDirectoryDirty(dir);
        }
        if (!segments.isEmpty()) {
            Segment last = lastSegment();
            last.file.truncate(offset - last.startOffset);
        }
        writePosition = offset;
        durablePosition = Math.min(durablePosition, offset);
        if (atBoundary && !segments.isEmpty() && lastSegment().startOffset < offset) {
            segmentForWrite();
        }
        // The truncated segment must be forced even if it now ends at or before the durable position.
        durablePosition = Math.min(durablePosition, segments.isEmpty() ? offset : lastSegment().startOffset);
    }

    /**
     * Detaches the oldest segment if it lies wholly before {@code beforeOffset}, is durable, and is
     * not the segment being written: the log forgets it at once (its min offset moves) and the
     * returned task, to be run off the loop, closes and deletes the file. Returns null if the
     * oldest segment must stay.
     */
    Callable<Void> detachOldestSegmentBefore(long beforeOffset) {
        if (segments.size() < 2 || forcesInFlight > 0) {
            return null;
        }
        Segment first = segments.get(0);
        long end = first.startOffset + segmentSizeBytes;
        if (end > beforeOffset || end > durablePosition) {
            return null;
        }
        segments.remove(0);
        return () -> {
            first.file.close();
            disk.delete(first.file.path());
            disk.syncDirectory(dir);
            return null;
        };
    }

    /** Deletes every segment and its directory; used when a whole queue goes. */
    void deleteAll() throws IOException {
        if (forcesInFlight > 0) {
            throw new IllegalStateException("delete of " + dir + " while a force is in flight");
        }
        for (Segment s : segments) {
            s.file.close();
            disk.delete(s.file.path());
        }
        segments.clear();
        disk.delete(dir);
    }

    /**
     * Captures, on the loop, a force of everything written so far. Run the task off the loop
     * ({@link io.gantry.runtime.Scheduler#offload}); it returns the offset it made durable, which
     * the caller then passes to {@link #markDurable} back on the loop.
     */
    ForceTask prepareForce() {
        long target = writePosition;
        List<DiskFile> files = new ArrayList<>();
        for (Segment s : segments) {
            // A segment starting at the target is included: an empty file there is what records
            // the write position at a segment start.
            if (s.startOffset <= target && s.startOffset + segmentSizeBytes > durablePosition) {
                files.add(s.file);
            }
        }
        List<String> directories = List.copyOf(dirtyDirectories);
        dirtyDirectories.clear();
        forcesInFlight++;
        return new ForceTask(target, files, directories);
    }

    /** Records the end of a force: clears the in-flight mark and, on success, moves the durable position. */
    void forceEnded(ForceTask task, boolean succeeded) {
        assert forcesInFlight > 0;
        forcesInFlight--;
        if (succeeded) {
            markDurable(task.targetOffset);
        }
    }

    private void markDurable(long offset) {
        assert offset <= writePosition : "durable " + offset + " beyond write " + writePosition;
        durablePosition = Math.max(durablePosition, offset);
    }

    /** Forces everything now, blocking; for start-up and shutdown, off the serving path. */
    void forceAll() throws IOException {
        ForceTask task = prepareForce();
        boolean ok = false;
        try {
            task.call();
            ok = true;
        } finally {
            forceEnded(task, ok);
        }
    }

    int forcesInFlight() {
        return forcesInFlight;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Segment s : segments) {
            try {
                s.file.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        segments.clear();
        if (first != null) {
            throw first;
        }
    }

    private Segment lastSegment() {
        return segments.get(segments.size() - 1);
    }

    private Segment segmentHolding(long offset) {
        if (segments.isEmpty() || offset < segments.get(0).startOffset) {
            throw new IllegalArgumentException("offset " + offset + " is before " + dir + " (min " + minOffset() + ")");
        }
        int index = (int) ((offset - segments.get(0).startOffset) / segmentSizeBytes);
        if (index >= segments.size()) {
            throw new IllegalArgumentException("offset " + offset + " is beyond " + dir);
        }
        Segment s = segments.get(index);
        assert offset >= s.startOffset && offset < s.startOffset + segmentSizeBytes;
        return s;
    }

    private Segment segmentForWrite() throws IOException {
        long start = writePosition - writePosition % segmentSizeBytes;
        if (!segments.isEmpty() && lastSegment().startOffset == start) {
            return lastSegment();
        }
        assert segments.isEmpty() || lastSegment().startOffset + segmentSizeBytes == start
                : "segment gap at " + start + " in " + dir;
        DiskFile file = disk.open(dir + "/" + fileName(start), true);
        Segment segment = new Segment(start, file);
        segments.add(segment);
        markDirectoryDirty(dir);
        return segment;
    }

    private void markDirectoryDirty(String directory) {
        if (!dirtyDirectories.contains(directory)) {
            dirtyDirectories.add(directory);
        }
    }

    /**
     * Creates the directory if needed and marks it and every ancestor for syncing at the first
     * force: names created by an earlier incarnation may still be only in the page cache.
     */
    private void createDirectoryChain() throws IOException {
        disk.createDirectories(dir);
        String d = dir;
        while (true) {
            markDirectoryDirty(d);
            if (d.isEmpty()) {
                break;
            }
            int slash = d.lastIndexOf('/');
            d = slash < 0 ? "" : d.substring(0, slash);
        }
    }

    /** One force of a set of segment files plus directory syncs, safe to run off the loop. */
    final class ForceTask implements Callable<Long> {
        private final long targetOffset;
        private final List<DiskFile> files;
        private final List<String> directories;

        private ForceTask(long targetOffset, List<DiskFile> files, List<String> directories) {
            this.targetOffset = targetOffset;
            this.files = files;
            this.directories = directories;
        }

        long targetOffset() {
            return targetOffset;
        }

        @Override
        public Long call() throws IOException {
            for (DiskFile f : files) {
                f.force();
            }
            for (String d : directories) {
                disk.syncDirectory(d);
            }
            return targetOffset;
        }
    }
}
