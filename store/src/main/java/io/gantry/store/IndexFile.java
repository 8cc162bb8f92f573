package io.gantry.store;

import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One index file in the reference layout: a 40-byte header (beginTimestamp, endTimestamp,
 * beginPhyOffset, endPhyOffset, hashSlotCount, indexCount), {@code hashSlotNum} int32 slots holding
 * the newest entry of each slot, then {@code indexNum} 20-byte entries
 * ({@code keyHash, commitLogOffset, timeDiffSeconds, prevIndex}) chained per slot. Entry numbers
 * start at 1; 0 means "none".
 *
 * <p>The file is written sparsely (slots and entries in place). The header is kept in memory and
 * written when a force is prepared, so a durable header always describes forced entries. Used on
 * the loop, except the force task. Does not guard against hash collisions: a query returns every
 * entry whose hash and time match, and the caller re-checks the record's keys.
 */
final class IndexFile implements AutoCloseable {
    static final int HEADER_BYTES = 40;
    static final int SLOT_BYTES = 4;
    static final int ENTRY_BYTES = 20;

    private final DiskFile file;
    private final String name;
    private final int hashSlotNum;
    private final int indexNum;
    private long beginTimestamp;
    private long endTimestamp;
    private long beginPhyOffset;
    private long endPhyOffset;
    private int indexCount;
    private int hashSlotCount;
    private boolean headerDirty;
    private boolean dataDirty;

    private IndexFile(DiskFile file, String name, int hashSlotNum, int indexNum) {
        this.file = file;
        this.name = name;
        this.hashSlotNum = hashSlotNum;
        this.indexNum = indexNum;
    }

    /** Creates a new empty index file. */
    static IndexFile create(Disk disk, String dir, String name, int hashSlotNum, int indexNum) throws IOException {
        IndexFile f = new IndexFile(disk.open(dir + "/" + name, true), name, hashSlotNum, indexNum);
        f.file.truncate(0);
        f.indexCount = 1;
        f.headerDirty = true;
        f.writeHeader();
        return f;
    }

    /** Opens an existing file; returns null (and closes it) if the header is not sane. */
    static IndexFile open(Disk disk, String dir, String name, int hashSlotNum, int indexNum) throws IOException {
        DiskFile df = disk.open(dir + "/" + name, false);
        IndexFile f = new IndexFile(df, name, hashSlotNum, indexNum);
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        int n = df.read(0, h);
        if (n < HEADER_BYTES) {
            df.close();
            return null;
        }
        h.flip();
        f.beginTimestamp = h.getLong();
        f.endTimestamp = h.getLong();
        f.beginPhyOffset = h.getLong();
        f.endPhyOffset = h.getLong();
        f.hashSlotCount = h.getInt();
        f.indexCount = h.getInt();
        if (f.indexCount < 1 || f.indexCount > indexNum || f.hashSlotCount < 0 || f.hashSlotCount > hashSlotNum
                || f.beginPhyOffset < 0 || f.endPhyOffset < f.beginPhyOffset) {
            df.close();
            return null;
        }
        return f;
    }

    String name() {
        return name;
    }

    String path() {
        return file.path();
    }

    boolean isFull() {
        return indexCount >= indexNum;
    }

    /** Number of entries held (the header's indexCount counts from 1). */
    int entryCount() {
        return indexCount - 1;
    }

    long beginTimestamp() {
        return beginTimestamp;
    }

    long endTimestamp() {
        return endTimestamp;
    }

    long beginPhyOffset() {
        return beginPhyOffset;
    }

    long endPhyOffset() {
        return endPhyOffset;
    }

    /** Java's hash of the key, made non-negative as the reference does (abs, 0 if still negative). */
    static int keyHash(String key) {
        int h = Math.abs(key.hashCode());
        return h < 0 ? 0 : h;
    }

    /**
     * Adds {@code key -> phyOffset}. Returns false, adding nothing, when the file is full.
     *
     * @param key the full key, {@code topic + "#" + key}
     */
    boolean put(String key, long phyOffset, long storeTimestamp) throws IOException {
        if (isFull()) {
            return false;
        }
        int hash = keyHash(key);
        int slot = hash % hashSlotNum;
        long slotPosition = HEADER_BYTES + (long) slot * SLOT_BYTES;
        int previous = readInt(slotPosition);
        if (previous <= 0 || previous >= indexCount) {
            previous = 0;
            hashSlotCount++;
        }
        if (indexCount == 1) {
            beginTimestamp = storeTimestamp;
            beginPhyOffset = phyOffset;
        }
        long diffSeconds = (storeTimestamp - beginTimestamp) / 1000L;
        int timeDiff = (int) Math.max(0, Math.min(Integer.MAX_VALUE, diffSeconds));
        ByteBuffer entry = ByteBuffer.allocate(ENTRY_BYTES);
        entry.putInt(hash).putLong(phyOffset).putInt(timeDiff).putInt(previous).flip();
        file.write(entryPosition(indexCount), entry);
        ByteBuffer slotValue = ByteBuffer.allocate(SLOT_BYTES).putInt(0, indexCount);
        file.write(slotPosition, slotValue);
        indexCount++;
        endTimestamp = Math.max(endTimestamp, storeTimestamp);
        endPhyOffset = Math.max(endPhyOffset, phyOffset);
        headerDirty = true;
        dataDirty = true;
        return true;
    }

    /** True if the file's entries may fall in [beginMs, endMs]. */
    boolean overlaps(long beginMs, long endMs) {
        return entryCount() > 0 && beginTimestamp <= endMs && endTimestamp >= beginMs;
    }

    /**
     * Adds to {@code out} the commit-log offsets of entries with the key's hash stored within
     * [beginMs, endMs], newest first, until {@code out} holds {@code maxNum}.
     */
    void query(String key, long beginMs, long endMs, int maxNum, List<Long> out) throws IOException {
        int hash = keyHash(key);
        int slot = hash % hashSlotNum;
        int current = readInt(HEADER_BYTES + (long) slot * SLOT_BYTES);
        // Chains only go backwards; the bound also stops a corrupt chain.
        int steps = 0;
        while (current > 0 && current < indexCount && out.size() < maxNum && steps++ < indexCount) {
            ByteBuffer e = ByteBuffer.allocate(ENTRY_BYTES);
            int n = file.read(entryPosition(current), e);
            if (n < ENTRY_BYTES) {
                return;
            }
            e.flip();
            int entryHash = e.getInt();
            long phyOffset = e.getLong();
            long timeDiff = e.getInt();
            int previous = e.getInt();
            long time = beginTimestamp + timeDiff * 1000L;
            if (entryHash == hash && time >= beginMs && time <= endMs && !out.contains(phyOffset)) {
                out.add(phyOffset);
            }
            if (previous >= current) {
                return;
            }
            current = previous;
        }
    }

    /** Writes the header if it changed and returns a task that forces the file (run it off the loop). */
    Callable<Void> prepareForce() throws IOException {
        writeHeader();
        boolean needed = dataDirty;
        dataDirty = false;
        return () -> {
            if (needed) {
                file.force();
            }
            return null;
        };
    }

    private void writeHeader() throws IOException {
        if (!headerDirty) {
            return;
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.putLong(beginTimestamp).putLong(endTimestamp).putLong(beginPhyOffset).putLong(endPhyOffset)
                .putInt(hashSlotCount).putInt(indexCount).flip();
        file.write(0, h);
        headerDirty = false;
        dataDirty = true;
    }

    private long entryPosition(int index) {
        return HEADER_BYTES + (long) hashSlotNum * SLOT_BYTES + (long) index * ENTRY_BYTES;
    }

    private int readInt(long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4);
        int n = file.read(position, b);
        return n < 4 ? 0 : b.getInt(0);
    }

    @Override
    public void close() throws IOException {
        writeHeader();
        file.close();
    }
}
