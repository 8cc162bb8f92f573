package io.gantry.store;

import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The commit-log side of replication: cutting chunks of whole records on the master, checking and
 * appending them on the slave, and fingerprinting a slave's tail for divergence checks.
 *
 * <p>A chunk is a run of whole records starting at a record boundary, possibly ending with the
 * 8-byte header of an end-of-segment filler: the zeros after a filler are implied, and the next
 * chunk starts at the next segment. So a chunk never spans two segments. Used on the store's loop.
 */
final class ReplicaLog {
    /** Most probes a slave sends: enough to find a shared prefix within the last segment and per older segment. */
    static final int MAX_PROBES = 256;
    private static final int TAIL_PROBES = 64;

    private final CommitLog commitLog;

    ReplicaLog(CommitLog commitLog) {
        this.commitLog = commitLog;
    }

    /** Facts of a checked chunk, ready to be written. */
    record Checked(long startOffset, int bytes, boolean endsWithFiller, List<DispatchRequest> dispatches) {
    }

    /**
     * Whole records from {@code from} (a record boundary of this log), about {@code maxBytes} (at
     * least one record), or an empty buffer when {@code from} is the write position. Null when
     * {@code from} is outside the log or no record or filler starts there.
     */
    ReplicationChunk readChunk(long from, int maxBytes) throws IOException {
        SegmentedFile file = commitLog.file();
        long end = file.writePosition();
        if (from == end) {
            return new ReplicationChunk(from, ByteBuffer.allocate(0), from);
        }
        if (from < file.minOffset() || from > end) {
            return null;
        }
        int segmentSize = file.segmentSizeBytes();
        long segmentEnd = from - Math.floorMod(from, segmentSize) + segmentSize;
        ByteBuffer window = file.readUpTo(from, Math.max(maxBytes, CommitLog.BLANK_BYTES));
        long position = from;
        boolean filler = false;
        while (position < end && position - from < maxBytes) {
            int at = (int) (position - from);
            ByteBuffer head = at + CommitLog.BLANK_BYTES <= window.limit() ? window.slice(at, CommitLog.BLANK_BYTES)
                    : file.readUpTo(position, CommitLog.BLANK_BYTES);
            if (head.remaining() < CommitLog.BLANK_BYTES) {
                break;
            }
            int size = head.getInt(0);
            int magic = head.getInt(4);
            if (magic == MessageRecordCodec.BLANK_MAGIC && size == segmentEnd - position) {
                position += CommitLog.BLANK_BYTES;
                filler = true;
                break;
            }
            boolean recordMagic = magic == MessageRecordCodec.MAGIC_V1 || magic == MessageRecordCodec.MAGIC_V2;
            if (!recordMagic || size < MessageRecordCodec.MIN_RECORD_BYTES || position + size > Math.min(end, segmentEnd)) {
                if (position == from) {
                    return null;
                }
                break;
            }
            position += size;
        }
        int length = (int) (position - from);
        ByteBuffer bytes = length <= window.limit() ? window.slice(0, length) : file.read(from, length);
        return new ReplicationChunk(from, bytes, filler ? segmentEnd : position);
    }

    /**
     * Checks that {@code chunk} holds whole, valid records (header, fields, body CRC, own offset,
     * consecutive queue offsets) that continue this log at {@code startOffset}, which must be its
     * write position. Writes nothing.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    Checked check(long startOffset, ByteBuffer chunk, QueueOffsetTable offsets) {
        SegmentedFile file = commitLog.file();
        if (startOffset != file.writePosition()) {
            throw new IllegalArgumentException("replicated chunk starts at " + startOffset + " but the log ends at "
                    + file.writePosition());
        }
        int segmentSize = file.segmentSizeBytes();
        long segmentEnd = startOffset - Math.floorMod(startOffset, segmentSize) + segmentSize;
        ByteBuffer b = chunk.slice();
        Map<TopicQueue, Long> next = new HashMap<>();
        List<DispatchRequest> dispatches = new ArrayList<>();
        int at = 0;
        boolean filler = false;
        while (at < b.limit()) {
            long position = startOffset + at;
            if (b.limit() - at < CommitLog.BLANK_BYTES) {
                throw new IllegalArgumentException("partial record header at " + position);
            }
            int size = b.getInt(at);
            int magic = b.getInt(at + 4);
            if (magic == MessageRecordCodec.BLANK_MAGIC) {
                if (size != segmentEnd - position || at + CommitLog.BLANK_BYTES != b.limit()) {
                    throw new IllegalArgumentException("filler at " + position + " of " + size
                            + " bytes does not end the segment and the chunk");
                }
                filler = true;
                at += CommitLog.BLANK_BYTES;
                break;
            }
            if (size < MessageRecordCodec.MIN_RECORD_BYTES || at + (long) size > b.limit() || position + size > segmentEnd) {
                throw new IllegalArgumentException("record at " + position + " of " + size + " bytes is cut or crosses "
                        + "a segment end");
            }
            MessageRecord r = CommitLog.decodeOrNull(b.slice(at, size), true);
            if (r == null || r.commitLogOffset() != position || !CommitLog.plausibleText(r)) {
                throw new IllegalArgumentException("record at " + position + " fails its checks or CRC");
            }
            DispatchRequest d = CommitLog.dispatchOf(r);
            if (d.consumeQueue()) {
                TopicQueue tq = new TopicQueue(d.topic(), d.queueId());
                long expected = next.getOrDefault(tq, offsets.next(d.topic(), d.queueId()));
                if (d.queueOffset() != expected) {
                    throw new IllegalArgumentException("record at " + position + " has queue offset " + d.queueOffset()
                            + " in " + d.topic() + "/" + d.queueId() + ", expected " + expected);
                }
                next.put(tq, expected + 1);
            }
            dispatches.add(d);
            at += size;
        }
        return new Checked(startOffset, at, filler, dispatches);
    }

    /** Writes a checked chunk; returns the new write position. */
    long write(Checked checked, ByteBuffer chunk, QueueOffsetTable offsets) throws IOException {
        SegmentedFile file = commitLog.file();
        ByteBuffer bytes = chunk.slice(chunk.position(), checked.bytes());
        if (bytes.hasRemaining()) {
            file.append(bytes);
        }
        if (checked.endsWithFiller()) {
            file.skipToNextSegment();
        }
        for (DispatchRequest d : checked.dispatches()) {
            if (d.consumeQueue()) {
                offsets.taken(d.topic(), d.queueId(), d.queueOffset());
            }
            commitLog.observeStoreTimestamp(d.storeTimestamp());
        }
        return file.writePosition();
    }

    /**
     * Fingerprints of this log's tail, oldest first: the first record of each older segment (at most
     * {@link #MAX_PROBES} in all), then records of the last written segment, denser towards the end,
     * ending with the record or filler that ends at the write position. Empty for an empty log.
     * Blocking reads; the tail segment is scanned once.
     */
    List<ReplicaProbe> probes() throws IOException {
        SegmentedFile file = commitLog.file();
        long end = file.writePosition();
        long min = file.minOffset();
        if (end <= min) {
            return List.of();
        }
        int segmentSize = file.segmentSizeBytes();
        long lastStart = (end - 1) - Math.floorMod(end - 1, segmentSize);
        List<ReplicaProbe> out = new ArrayList<>();
        for (long s = Math.max(min, lastStart - (long) (MAX_PROBES - TAIL_PROBES - 2) * segmentSize); s < lastStart;
             s += segmentSize) {
            ReplicaProbe p = probeAt(s);
            if (p != null) {
                out.add(p);
            }
        }
        ArrayDeque<long[]> tail = new ArrayDeque<>();
        List<long[]> sampled = new ArrayList<>();
        long[] count = {0};
        CommitLog.ScanEnd scanEnd = commitLog.scan(Math.max(min, lastStart), false, r -> {
            long[] entry = {r.commitLogOffset(), r.storeSize()};
            tail.addLast(entry);
            if (tail.size() > TAIL_PROBES) {
                long[] dropped = tail.pollFirst();
                // Keep a sparse sample of older records so a long shared prefix is not re-copied whole.
                if (Long.bitCount(count[0]) == 1) {
                    sampled.add(dropped);
                }
                count[0]++;
            }
            return true;
        });
        List<long[]> spans = new ArrayList<>(sampled);
        spans.addAll(tail);
        for (long[] span : spans) {
            out.add(probeOf(span[0], (int) span[1]));
        }
        if (scanEnd.endOffset() < end && scanEnd.validThrough() == end) {
            out.add(probeOf(scanEnd.endOffset(), CommitLog.BLANK_BYTES));
        }
        while (out.size() > MAX_PROBES) {
            out.remove(0);
        }
        return out;
    }

    private ReplicaProbe probeAt(long offset) throws IOException {
        ByteBuffer head = commitLog.file().readUpTo(offset, CommitLog.BLANK_BYTES);
        if (head.remaining() < CommitLog.BLANK_BYTES) {
            return null;
        }
        int size = head.getInt(0);
        int magic = head.getInt(4);
        if (magic == MessageRecordCodec.BLANK_MAGIC) {
            return probeOf(offset, CommitLog.BLANK_BYTES);
        }
        if ((magic != MessageRecordCodec.MAGIC_V1 && magic != MessageRecordCodec.MAGIC_V2)
                || size < MessageRecordCodec.MIN_RECORD_BYTES
                || Math.floorMod(offset, commitLog.file().segmentSizeBytes()) + (long) size
                > commitLog.file().segmentSizeBytes()) {
            return null;
        }
        return probeOf(offset, size);
    }

    private ReplicaProbe probeOf(long offset, int size) throws IOException {
        return new ReplicaProbe(offset, size, crc(commitLog.file().read(offset, size)));
    }

    /** True if this log holds exactly the probed bytes at the probed place. */
    boolean matches(ReplicaProbe probe) throws IOException {
        SegmentedFile file = commitLog.file();
        int segmentSize = file.segmentSizeBytes();
        if (probe.offset() < file.minOffset() || probe.endOffset() > file.writePosition()
                || Math.floorMod(probe.offset(), segmentSize) + (long) probe.sizeBytes() > segmentSize) {
            return false;
        }
        return crc(file.read(probe.offset(), probe.sizeBytes())) == probe.crc32();
    }

    static int crc(ByteBuffer bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes.duplicate());
        return (int) crc.getValue();
    }
}
