package io.gantry.store;

import io.gantry.protocol.message.NameCharacters;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.message.MessageSysFlag;
import io.gantry.protocol.message.TagsCode;
import io.gantry.protocol.remoting.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The commit log: message records in the reference layout, one after another in
 * {@link SegmentedFile} segments. A batch is written with one write inside one segment; when it
 * does not fit (with 8 bytes to spare), the rest of the segment gets the end-of-segment filler
 * ({@code int32 remainingBytes, int32 0xCBD43194}) and the batch goes to the next segment.
 *
 * <p>Assigns physical offsets, store timestamps (never decreasing, even if the wall clock goes
 * back, so time searches stay monotonic) and queue offsets; recomputes body CRCs. Reads records
 * back by physical offset and scans them for recovery. Used on the store's loop; does not flush.
 */
final class CommitLog implements AutoCloseable {
    static final int BLANK_BYTES = 8;
    private static final int SCAN_CHUNK_BYTES = 1024 * 1024;

    private final SegmentedFile file;
    private long lastStoreTimestamp;

    CommitLog(SegmentedFile file) {
        this.file = file;
    }

    SegmentedFile file() {
        return file;
    }

    long minOffset() {
        return file.minOffset();
    }

    long writePosition() {
        return file.writePosition();
    }

    /** What an append wrote. */
    record Appended(long physicalOffset, List<MessageRecord> records, List<DispatchRequest> dispatches,
                    int wroteBytes, long storeTimestamp) {
    }

    /** The store time to give the next append: the wall clock, but never below the previous one. */
    long nextStoreTimestamp(long wallClockMs) {
        lastStoreTimestamp = Math.max(lastStoreTimestamp, wallClockMs);
        return lastStoreTimestamp;
    }

    void observeStoreTimestamp(long storeTimestamp) {
        lastStoreTimestamp = Math.max(lastStoreTimestamp, storeTimestamp);
    }

    /**
     * Appends {@code templates} as consecutive records. Physical offset, queue offset, store
     * timestamp and body CRC of each template are replaced. Queue offsets are taken from
     * {@code offsets} and marked taken only once the write succeeded.
     *
     * @throws IllegalArgumentException if the batch cannot fit in one segment
     * @throws IOException if the write failed (the write position is unchanged, a filler may remain)
     */
    Appended append(List<MessageRecord> templates, long storeTimestamp, QueueOffsetTable offsets) throws IOException {
        long total = 0;
        for (MessageRecord t : templates) {
            total += t.storeSize();
        }
        if (total + BLANK_BYTES > file.segmentSizeBytes()) {
            throw new IllegalArgumentException("batch of " + total + " bytes exceeds a commit-log segment");
        }
        if (total + BLANK_BYTES > file.remainingInSegment()) {
            writeFiller();
        }
        long physical = file.writePosition();
        ByteBuffer buffer = ByteBuffer.allocate((int) total);
        Map<TopicQueue, Long> assigned = new HashMap<>();
        List<MessageRecord> records = new ArrayList<>(templates.size());
        List<DispatchRequest> dispatches = new ArrayList<>(templates.size());
        for (MessageRecord t : templates) {
            boolean queued = !MessageSysFlag.skipsConsumeQueue(t.sysFlag());
            long queueOffset = 0;
            if (queued) {
                TopicQueue tq = new TopicQueue(t.topic(), t.queueId());
                queueOffset = assigned.getOrDefault(tq, offsets.next(t.topic(), t.queueId()));
                assigned.put(tq, queueOffset + 1);
            }
            MessageRecord r = t.toBuilder().commitLogOffset(physical + buffer.position()).queueOffset(queueOffset)
                    .storeTimestamp(storeTimestamp).body(t.body()).build();
            MessageRecordCodec.encodeTo(r, buffer);
            records.add(r);
            dispatches.add(dispatchOf(r));
        }
        buffer.flip();
        long at = file.append(buffer);
        assert at == physical;
        for (DispatchRequest d : dispatches) {
            if (d.consumeQueue()) {
                offsets.taken(d.topic(), d.queueId(), d.queueOffset());
            }
        }
        return new Appended(physical, records, dispatches, (int) total, storeTimestamp);
    }

    private void writeFiller() throws IOException {
        int remaining = file.remainingInSegment();
        assert remaining >= BLANK_BYTES : "less than a filler left in a segment";
        ByteBuffer blank = ByteBuffer.allocate(BLANK_BYTES);
        blank.putInt(remaining).putInt(MessageRecordCodec.BLANK_MAGIC).flip();
        file.append(blank);
        file.skipToNextSegment();
    }

    /** The dispatch facts of a decoded record. */
    static DispatchRequest dispatchOf(MessageRecord r) {
        Map<String, String> props = r.properties();
        return new DispatchRequest(r.topic(), r.queueId(), r.queueOffset(), r.commitLogOffset(), r.storeSize(),
                TagsCode.of(props.get(MessageConst.PROPERTY_TAGS)), r.storeTimestamp(),
                props.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
                props.get(MessageConst.PROPERTY_KEYS), !MessageSysFlag.skipsConsumeQueue(r.sysFlag()));
    }

    /**
     * The raw bytes of the record starting at {@code offset}, checked (magic, size, fields, that
     * it says it lives at {@code offset}, and the body CRC), or null if there is no valid record
     * there or it is not below {@code limit}.
     */
    ByteBuffer readRecord(long offset, long limit) throws IOException {
        ByteBuffer bytes = readSaneSpan(offset, limit, false);
        if (bytes == null) {
            return null;
        }
        MessageRecord decoded = decodeOrNull(bytes.duplicate(), true);
        if (decoded == null || decoded.commitLogOffset() != offset || !plausibleText(decoded)) {
            return null;
        }
        return bytes;
    }

    /**
     * The bytes of the records at {@code offsets} (ascending, with {@code sizes}), read with one
     * positional read per run of records that lie within {@link #MAX_SPAN_READ_BYTES} of each other
     * in one segment, each checked as {@link #readRecord} checks it. Records of one queue sit close
     * together in the log (interleaved with other queues' records), so a pull of 32 small records
     * costs one read instead of 64. Stops at the first record that is not valid: the list then holds
     * only the valid ones before it.
     */
    List<ByteBuffer> readRecords(long[] offsets, int[] sizes, int count, long limit) throws IOException {
        List<ByteBuffer> records = new ArrayList<>(count);
        int segmentSize = file.segmentSizeBytes();
        int i = 0;
        while (i < count) {
            long spanStart = offsets[i];
            long segmentEnd = spanStart - Math.floorMod(spanStart, segmentSize) + segmentSize;
            long spanEnd = spanStart + sizes[i];
            int j = i + 1;
            while (j < count && offsets[j] >= offsets[j - 1] && offsets[j] + sizes[j] <= segmentEnd
                    && offsets[j] + sizes[j] - spanStart <= MAX_SPAN_READ_BYTES) {
                spanEnd = Math.max(spanEnd, offsets[j] + sizes[j]);
                j++;
            }
            if (spanStart < file.minOffset() || spanEnd > limit || spanEnd > segmentEnd
                    || sizes[i] < MessageRecordCodec.MIN_RECORD_BYTES) {
                // Let the single-record path decide (it reports null for what it cannot read).
                ByteBuffer one = readRecord(offsets[i], limit);
                if (one == null || one.remaining() != sizes[i]) {
                    return records;
                }
                records.add(one);
                i++;
                continue;
            }
            ByteBuffer span = file.read(spanStart, (int) (spanEnd - spanStart));
            for (int k = i; k < j; k++) {
                int at = (int) (offsets[k] - spanStart);
                if (at + sizes[k] > span.limit()) {
                    return records;
                }
                ByteBuffer record = span.slice(at, sizes[k]);
                if (!isIntactRecord(record, offsets[k])) {
                    return records;
                }
                records.add(record);
            }
            i = j;
        }
        return records;
    }

    /** Largest single read {@link #readRecords} makes for a run of records. */
    static final int MAX_SPAN_READ_BYTES = 1024 * 1024;

    /**
     * The checks of {@link #readRecord} without decoding into objects: {@code record} is exactly one
     * record (its size field, magic and field lengths add up to its length), says it lives at
     * {@code offset}, its body matches the body CRC, its topic is a legal name and its properties
     * hold no NUL.
     */
    static boolean isIntactRecord(ByteBuffer record, long offset) {
        int size = record.remaining();
        int base = record.position();
        if (size < MessageRecordCodec.MIN_RECORD_BYTES || record.getInt(base) != size) {
            return false;
        }
        int magic = record.getInt(base + 4);
        if (magic != MessageRecordCodec.MAGIC_V1 && magic != MessageRecordCodec.MAGIC_V2) {
            return false;
        }
        if (record.getLong(base + MessageRecordCodec.PHYSICAL_OFFSET_POSITION) != offset) {
            return false;
        }
        int sysFlag = record.getInt(base + MessageRecordCodec.SYSFLAG_POSITION);
        int at = MessageRecordCodec.storeTimestampPosition(sysFlag) + 8; // past STORETIMESTAMP
        at += MessageSysFlag.isStoreHostV6(sysFlag) ? 20 : 8;
        at += 4 + 8; // RECONSUMETIMES, PREPAREDTRANSACTIONOFFSET
        if (at + 4 > size) {
            return false;
        }
        int bodyLength = record.getInt(base + at);
        at += 4;
        if (bodyLength < 0 || bodyLength > size - at) {
            return false;
        }
        int bodyAt = at;
        at += bodyLength;
        boolean v2 = magic == MessageRecordCodec.MAGIC_V2;
        if (at + (v2 ? 2 : 1) > size) {
            return false;
        }
        int topicLength = v2 ? record.getShort(base + at) : record.get(base + at);
        at += v2 ? 2 : 1;
        if (topicLength <= 0 || topicLength > size - at) {
            return false;
        }
        for (int k = 0; k < topicLength; k++) {
            if (!NameCharacters.isLegal(record.get(base + at + k))) {
                return false;
            }
        }
        at += topicLength;
        if (at + 2 > size) {
            return false;
        }
        int propertiesLength = record.getShort(base + at);
        at += 2;
        if (propertiesLength < 0 || propertiesLength != size - at) {
            return false;
        }
        for (int k = 0; k < propertiesLength; k++) {
            if (record.get(base + at + k) == 0) {
                return false;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(record.slice(base + bodyAt, bodyLength));
        int bodyCrc = record.getInt(base + 8);
        return (int) (crc.getValue() & 0x7FFFFFFFL) == bodyCrc;
    }

    /** The store timestamp of the record at {@code offset} (no CRC check), or -1 if unreadable. */
    long storeTimestampAt(long offset, int size) throws IOException {
        if (offset < file.minOffset() || offset + size > file.writePosition()) {
            return -1;
        }
        ByteBuffer head = file.read(offset, Math.min(size, 128));
        if (head.remaining() < 80) {
            return -1;
        }
        int sysFlag = head.getInt(MessageRecordCodec.SYSFLAG_POSITION);
        return head.getLong(MessageRecordCodec.storeTimestampPosition(sysFlag));
    }

    /** Store time of the first record in the segment starting at {@code segmentStart}, or -1. */
    long storeTimestampOfFirstRecord(long segmentStart) throws IOException {
        if (segmentStart < file.minOffset() || segmentStart + BLANK_BYTES > file.writePosition()) {
            return -1;
        }
        ByteBuffer head = file.readUpTo(segmentStart, BLANK_BYTES);
        int size = head.getInt(0);
        int magic = head.getInt(4);
        if (magic != MessageRecordCodec.MAGIC_V1 && magic != MessageRecordCodec.MAGIC_V2) {
            return -1;
        }
        return storeTimestampAt(segmentStart, size);
    }

    static MessageRecord decodeOrNull(ByteBuffer bytes, boolean checkCrc) {
        try {
            return MessageRecordCodec.decode(bytes, checkCrc);
        } catch (ProtocolException e) {
            return null;
        }
    }

    /** The disk sector: a power loss keeps each unforced one all old or all new. */
    static final int SECTOR_BYTES = 512;

    /**
     * Why the record at {@code offset} looks rotten at rest rather than torn by a power loss, or
     * null if it may be torn. Rot is claimed only when the header's size and magic hold, the record
     * after it is valid, no 512-byte sector of the record reads as all zeros, and the record does
     * not decode at all (a damaged length field), or says it lives elsewhere (a damaged own-offset
     * field), or its topic or properties hold bytes the store never writes, or everything but the
     * body CRC holds. A torn sector reverts to
     * what the disk held before, which past the durable end is zeros (fresh space, or space a
     * recovery cut and forced); a bit flip changes one bit and leaves the sector's neighbours
     * alone. A force covers every earlier write, so a damaged record followed by durable ones
     * was durable itself.
     */
    String rotAt(long offset) throws IOException {
        long end = file.writePosition();
        ByteBuffer bytes = readSaneSpan(offset, end, true);
        if (bytes == null || hasZeroSector(bytes, offset)) {
            return null;
        }
        int size = bytes.remaining();
        MessageRecord unchecked = decodeOrNull(bytes.duplicate(), false);
        String damage;
        if (unchecked == null) {
            // A flipped length field inside it.
            damage = "does not decode";
        } else if (unchecked.commitLogOffset() != offset) {
            // A flipped bit in its own-offset field (outside the body CRC).
            damage = "says it lives at " + unchecked.commitLogOffset();
        } else if (!plausibleText(unchecked)) {
            // A flipped bit in its topic or properties (outside the body CRC).
            damage = "holds topic or properties bytes the store never writes";
        } else if (decodeOrNull(bytes.duplicate(), true) == null) {
            damage = "fails its body CRC";
        } else {
            return null;
        }
        if (readRecord(offset + size, end) == null) {
            return null;
        }
        return "record of " + size + " bytes " + damage + " with no sector reverted to zeros and a valid record"
                + " after it (corruption at rest, not a torn write)";
    }

    /**
     * The bytes of the record whose header sits at {@code offset}, if that header is sane (a record
     * magic, or with {@code allowFlippedMagic} one bit off one, a size of at least a minimal record that ends below {@code limit} and inside its
     * segment) and all of them can be read; null otherwise. Nothing beyond the header is checked.
     */
    private ByteBuffer readSaneSpan(long offset, long limit, boolean allowFlippedMagic) throws IOException {
        if (offset < file.minOffset() || offset + BLANK_BYTES > limit) {
            return null;
        }
        ByteBuffer head = file.readUpTo(offset, BLANK_BYTES);
        if (head.remaining() < BLANK_BYTES) {
            return null;
        }
        int size = head.getInt(0);
        int magic = head.getInt(4);
        boolean magicOk = magic == MessageRecordCodec.MAGIC_V1 || magic == MessageRecordCodec.MAGIC_V2
                // One bit off a magic is a flip at rest: a torn sector reads as zeros or as written.
                || (allowFlippedMagic && (Integer.bitCount(magic ^ MessageRecordCodec.MAGIC_V1) == 1
                        || Integer.bitCount(magic ^ MessageRecordCodec.MAGIC_V2) == 1));
        if (!magicOk
                || size < MessageRecordCodec.MIN_RECORD_BYTES || offset + size > limit
                || Math.floorMod(offset, file.segmentSizeBytes()) + (long) size > file.segmentSizeBytes()) {
            return null;
        }
        ByteBuffer bytes = file.read(offset, size);
        return bytes.remaining() < size ? null : bytes;
    }

    /** True if some sector's part of the record at {@code offset} reads as all zeros. */
    private static boolean hasZeroSector(ByteBuffer record, long offset) {
        int length = record.remaining();
        int from = 0;
        while (from < length) {
            int to = (int) Math.min(length, from + SECTOR_BYTES - Math.floorMod(offset + from, SECTOR_BYTES));
            boolean zeros = true;
            for (int i = from; i < to && zeros; i++) {
                zeros = record.get(record.position() + i) == 0;
            }
            if (zeros) {
                return true;
            }
            from = to;
        }
        return false;
    }

    /** Told about each valid record a scan passes. */
    interface RecordVisitor {
        /** Returns false to treat the record as invalid: the scan ends before it. */
        boolean visit(MessageRecord record) throws IOException;
    }

    /**
     * True for topics the store accepts (and so the only ones a valid record can carry): one or more of
     * {@code [%|a-zA-Z0-9_-]}. A loop, not a regex: it runs for every put and every record read.
     */
    static boolean isLegalTopic(String topic) {
        return NameCharacters.isLegalName(topic);
    }

    /**
     * True if the topic and properties text look as the store wrote them. The body has a CRC and
     * the header is checked field by field, but a power loss can revert the sector holding only a
     * record's topic and properties to zeros; the store never accepts NUL there, so zeros show.
     */
    static boolean plausibleText(MessageRecord r) {
        return isLegalTopic(r.topic()) && r.propertiesString().indexOf('\0') < 0;
    }

    /**
     * Where a scan stopped.
     *
     * @param endOffset    offset just past the last valid record (or filler)
     * @param reason       why it stopped there, for logs and errors
     * @param validThrough how far the log is valid: {@code endOffset}, or the segment end when the
     *                     log ends with an intact end-of-segment filler (dropped and rewritten by
     *                     the next append, but not lost data: a force may have covered it)
     */
    record ScanEnd(long endOffset, String reason, long validThrough) {
        ScanEnd(long endOffset, String reason) {
            this(endOffset, reason, endOffset);
        }
    }

    /**
     * Walks records from {@code start} (a record boundary) to the write position, validating each
     * (magic, size, fields, its own offset, and the body CRC if {@code checkCrc}), skipping
     * fillers, and stops at the first thing that is not a valid record.
     */
    ScanEnd scan(long start, boolean checkCrc, RecordVisitor visitor) throws IOException {
        long position = start;
        long end = file.writePosition();
        int segmentSize = file.segmentSizeBytes();
        ByteBuffer chunk = ByteBuffer.allocate(0);
        long chunkStart = start;
        while (position < end) {
            long segmentEnd = position - Math.floorMod(position, segmentSize) + segmentSize;
            if (segmentEnd - position < BLANK_BYTES) {
                return new ScanEnd(position, "less than a filler left in " + file.pathOf(position));
            }
            if (position + BLANK_BYTES > end) {
                return new ScanEnd(position, "partial record header");
            }
            if (position < chunkStart || position + BLANK_BYTES > chunkStart + chunk.limit()) {
                chunk = file.readUpTo(position, SCAN_CHUNK_BYTES);
                chunkStart = position;
            }
            int at = (int) (position - chunkStart);
            int size = chunk.getInt(at);
            int magic = chunk.getInt(at + 4);
            if (magic == MessageRecordCodec.BLANK_MAGIC) {
                if (size != segmentEnd - position) {
                    return new ScanEnd(position, "filler of " + size + " bytes does not reach the segment end");
                }
                if (segmentEnd >= end) {
                    // The filler was written but nothing after it: recovery drops it and rewrites it.
                    return new ScanEnd(position, "filler at the end of the log", segmentEnd);
                }
                position = segmentEnd;
                continue;
            }
            if (magic != MessageRecordCodec.MAGIC_V1 && magic != MessageRecordCodec.MAGIC_V2) {
                return new ScanEnd(position, "bad magic 0x" + Integer.toHexString(magic));
            }
            if (size < MessageRecordCodec.MIN_RECORD_BYTES || position + size > Math.min(end, segmentEnd)) {
                return new ScanEnd(position, "record size " + size + " out of bounds");
            }
            ByteBuffer bytes = at + size <= chunk.limit() ? chunk.slice(at, size) : file.read(position, size);
            MessageRecord record = decodeOrNull(bytes, checkCrc);
            if (record == null) {
                return new ScanEnd(position, "record fails to decode" + (checkCrc ? " or its body CRC" : ""));
            }
            if (record.commitLogOffset() != position) {
                return new ScanEnd(position, "record says it lives at " + record.commitLogOffset());
            }
            if (!plausibleText(record)) {
                return new ScanEnd(position, "torn record: topic or properties hold bytes the store never writes");
            }
            if (!visitor.visit(record)) {
                return new ScanEnd(position, "record does not fit the queues rebuilt so far");
            }
            observeStoreTimestamp(record.storeTimestamp());
            position += size;
        }
        return new ScanEnd(position, "end of data");
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
