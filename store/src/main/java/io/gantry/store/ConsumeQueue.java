package io.gantry.store;

import io.gantry.runtime.Disk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The consume queue of one (topic, queueId): a {@link SegmentedFile} of 20-byte entries
 * ({@code int64 commitLogOffset | int32 size | int64 tagsCode}), entry {@code n} at byte
 * {@code n * 20}. Derived data: the dispatcher writes it from the commit log and recovery can
 * always cut it back and rebuild it.
 *
 * <p>Used on the store's loop. Does not force itself: the store's logical flush does, and only
 * entries for commit-log records below the checkpoint's offset are trusted after a crash.
 */
final class ConsumeQueue implements AutoCloseable {
    static final int ENTRY_BYTES = StoreConfig.CQ_ENTRY_BYTES;
    private static final int SCAN_CHUNK_BYTES = 64 * 1024 - (64 * 1024) % ENTRY_BYTES;

    private final String topic;
    private final int queueId;
    private final SegmentedFile file;
    /** First offset still served; moves up when the commit log's oldest segments go. */
    private long minLogicalOffset;

    private ConsumeQueue(String topic, int queueId, SegmentedFile file) {
        this.topic = topic;
        this.queueId = queueId;
        this.file = file;
        this.minLogicalOffset = file.minOffset() / ENTRY_BYTES;
    }

    /** Opens (or creates) the queue under {@code dir}, e.g. {@code store/consumequeue/TopicA/3}. */
    static ConsumeQueue open(Disk disk, String dir, String topic, int queueId, int segmentSizeBytes)
            throws IOException {
        if (segmentSizeBytes % ENTRY_BYTES != 0) {
            throw new IllegalArgumentException("consume-queue segment size " + segmentSizeBytes + " is not a multiple of 20");
        }
        return new ConsumeQueue(topic, queueId, SegmentedFile.open(disk, dir, segmentSizeBytes, 0));
    }

    String topic() {
        return topic;
    }

    int queueId() {
        return queueId;
    }

    SegmentedFile file() {
        return file;
    }

    /** The first logical offset that can be read. */
    long minOffset() {
        return Math.max(minLogicalOffset, file.minOffset() / ENTRY_BYTES);
    }

    /** The number of entries ever written: the next offset to be written, exclusive. */
    long maxOffset() {
        return file.writePosition() / ENTRY_BYTES;
    }

    /** Appends the entry for {@code queueOffset}, which must be exactly {@link #maxOffset()}. */
    void append(long queueOffset, long commitLogOffset, int size, long tagsCode) throws IOException {
        if (queueOffset != maxOffset()) {
            throw new IllegalStateException("consume queue " + topic + "/" + queueId + " expects offset "
                    + maxOffset() + ", dispatch gave " + queueOffset);
        }
        assert size > 0 && commitLogOffset >= 0;
        ByteBuffer entry = ByteBuffer.allocate(ENTRY_BYTES);
        entry.putLong(commitLogOffset).putInt(size).putLong(tagsCode).flip();
        file.append(entry);
    }

    /**
     * Recovery: the queue lacks entries below {@code queueOffset}, the offset of a valid record
     * being re-dispatched. Entries only go missing that way when a power loss took entries whose
     * records were already gone (deleted by retention), so nothing can rebuild them; the commit
     * log, not the queue, is the truth. The gap is filled with placeholders that repeat the last
     * entry's commit-log offset (so offsets stay non-decreasing and the gap reads as removed) with
     * size {@link #PLACEHOLDER_SIZE}, which no record has, so a read never serves one. Returns the
     * number of placeholders written.
     */
    long fillGapTo(long queueOffset, long commitLogOffset) throws IOException {
        long from = maxOffset();
        if (queueOffset <= from) {
            return 0;
        }
        CqEntry last = maxOffset() > minOffset() ? read(maxOffset() - 1) : null;
        long placeholderOffset = last == null ? 0 : Math.min(last.commitLogOffset(), commitLogOffset);
        ByteBuffer chunk = ByteBuffer.allocate(SCAN_CHUNK_BYTES);
        while (maxOffset() < queueOffset) {
            long entries = Math.min(queueOffset - maxOffset(), file.remainingInSegment() / ENTRY_BYTES);
            entries = Math.min(entries, SCAN_CHUNK_BYTES / ENTRY_BYTES);
            chunk.clear();
            for (long i = 0; i < entries; i++) {
                chunk.putLong(placeholderOffset).putInt(PLACEHOLDER_SIZE).putLong(0L);
            }
            file.append(chunk.flip());
        }
        return queueOffset - from;
    }

    /** Size of a placeholder entry: smaller than any record, so never taken for one. */
    static final int PLACEHOLDER_SIZE = 1;

    /** The entry at {@code queueOffset}, or null if it is below the min or at/after the max. */
    CqEntry read(long queueOffset) throws IOException {
        List<CqEntry> one = read(queueOffset, 1);
        return one.isEmpty() ? null : one.get(0);
    }

    /** Up to {@code maxEntries} entries from {@code fromOffset}; empty if it is out of range. */
    List<CqEntry> read(long fromOffset, int maxEntries) throws IOException {
        List<CqEntry> entries = new ArrayList<>();
        if (fromOffset < minOffset() || fromOffset >= maxOffset()) {
            return entries;
        }
        long offset = fromOffset;
        long end = Math.min(maxOffset(), fromOffset + maxEntries);
        while (offset < end) {
            int want = (int) Math.min((end - offset) * ENTRY_BYTES, SCAN_CHUNK_BYTES);
            ByteBuffer chunk = file.readUpTo(offset * ENTRY_BYTES, want);
            while (chunk.remaining() >= ENTRY_BYTES) {
                entries.add(new CqEntry(offset++, chunk.getLong(), chunk.getInt(), chunk.getLong()));
            }
        }
        return entries;
    }

    /**
     * Recovery: keeps the longest prefix of sane entries (positive size, non-decreasing commit-log
     * offsets) that point below {@code commitLogOffset}, and cuts everything after it. Entries past
     * the last checkpoint may be torn, so their content is not trusted; the dispatcher rewrites them.
     */
    void truncateFromCommitLogOffset(long commitLogOffset) throws IOException {
        List<Long> starts = file.segmentStarts();
        long keepEnd = file.minOffset();
        for (int i = starts.size() - 1; i >= 0; i--) {
            long start = starts.get(i);
            if (start >= file.writePosition()) {
                continue;
            }
            CqEntry first = entryAtByte(start);
            if (!sane(first) || first.commitLogOffset() >= commitLogOffset) {
                continue;
            }
            keepEnd = scanSanePrefix(start, commitLogOffset);
            break;
        }
        file.truncateTo(keepEnd);
    }

    private long scanSanePrefix(long startByte, long commitLogOffset) throws IOException {
        long position = startByte;
        long previous = -1;
        long segmentEnd = startByte + file.segmentSizeBytes();
        long limit = Math.min(segmentEnd, file.writePosition());
        while (position + ENTRY_BYTES <= limit) {
            ByteBuffer chunk = file.readUpTo(position, SCAN_CHUNK_BYTES);
            while (chunk.remaining() >= ENTRY_BYTES) {
                CqEntry e = new CqEntry(position / ENTRY_BYTES, chunk.getLong(), chunk.getInt(), chunk.getLong());
                if (!sane(e) || e.commitLogOffset() < previous || e.commitLogOffset() >= commitLogOffset) {
                    return position;
                }
                previous = e.commitLogOffset();
                position += ENTRY_BYTES;
            }
        }
        return position;
    }

    private static boolean sane(CqEntry e) {
        return e != null && e.size() > 0 && e.commitLogOffset() >= 0;
    }

    private CqEntry entryAtByte(long bytePosition) throws IOException {
        if (bytePosition + ENTRY_BYTES > file.writePosition()) {
            return null;
        }
        ByteBuffer b = file.read(bytePosition, ENTRY_BYTES);
        return new CqEntry(bytePosition / ENTRY_BYTES, b.getLong(), b.getInt(), b.getLong());
    }

    /** Commit-log offset just past the last entry's record, or -1 if the queue is empty. */
    long lastRecordEnd() throws IOException {
        CqEntry last = maxOffset() > minOffset() ? read(maxOffset() - 1) : null;
        return last == null ? -1 : last.commitLogOffset() + last.size();
    }

    /**
     * Retention: moves the min offset past entries whose record is below {@code commitLogMinOffset}
     * and detaches segments that hold only such entries; the returned tasks delete their files
     * (run them off the loop).
     */
    List<Callable<Void>> dropBelowCommitLogOffset(long commitLogMinOffset) throws IOException {
        List<Callable<Void>> deletions = new ArrayList<>();
        // Whole segments first: a segment can go when the next one starts at or below the limit.
        while (file.segmentStarts().size() > 1) {
            CqEntry nextFirst = entryAtByte(file.segmentStarts().get(1));
            if (nextFirst == null || nextFirst.commitLogOffset() > commitLogMinOffset) {
                break;
            }
            Callable<Void> deletion = file.detachOldestSegmentBefore(file.segmentStarts().get(1));
            if (deletion == null) {
                break;
            }
            deletions.add(deletion);
        }
        // Then the min offset within the first remaining segment, by binary search.
        long lo = minOffset();
        long hi = maxOffset();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            CqEntry e = read(mid);
            if (e != null && e.commitLogOffset() < commitLogMinOffset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        minLogicalOffset = Math.max(minLogicalOffset, lo);
        return deletions;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
