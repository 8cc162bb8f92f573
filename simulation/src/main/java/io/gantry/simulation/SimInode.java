package io.gantry.simulation;

import java.util.Arrays;
import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * A simulated file's contents: the page-cache view ({@code current}) that reads see, the durable
 * view that survives power loss, and which 512-byte sectors differ since the last force. Also
 * used, without contents, for directories.
 */
final class SimInode {

    static final int SECTOR_BYTES = 512;
    /** Files are single byte arrays: a limit well below what a simulated store should need. */
    static final int MAX_FILE_BYTES = Integer.MAX_VALUE - 1024;

    final long id;
    final boolean directory;

    private byte[] current = new byte[0];
    private int currentLength;
    private byte[] durable = new byte[0];
    private int durableLength;
    /** Sectors written (or truncated into) since they were last made durable. */
    private final BitSet dirtySectors = new BitSet();

    SimInode(long id, boolean directory) {
        this.id = id;
        this.directory = directory;
    }

    int length() {
        return currentLength;
    }

    int durableLength() {
        return durableLength;
    }

    boolean hasUnforcedChanges() {
        return !dirtySectors.isEmpty() || currentLength != durableLength;
    }

    int read(long position, byte[] dst, int offset, int length) {
        if (position >= currentLength) {
            return -1;
        }
        int n = (int) Math.min(length, currentLength - position);
        System.arraycopy(current, (int) position, dst, offset, n);
        return n;
    }

    void write(long position, byte[] src, int offset, int length) {
        if (length == 0) {
            return;
        }
        long end = position + length;
        if (end > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("simulated files are limited to " + MAX_FILE_BYTES + " bytes");
        }
        int oldLength = currentLength;
        current = ensureCapacity(current, (int) end);
        System.arraycopy(src, offset, current, (int) position, length);
        currentLength = Math.max(currentLength, (int) end);
        // A gap between the old end and the write reads as zeros and is new data too.
        long firstChanged = Math.min(position, oldLength);
        dirtySectors.set((int) (firstChanged / SECTOR_BYTES), (int) ((end - 1) / SECTOR_BYTES) + 1);
    }

    void truncate(long size) {
        if (size >= currentLength) {
            return;
        }
        Arrays.fill(current, (int) size, currentLength, (byte) 0);
        int oldLength = currentLength;
        currentLength = (int) size;
        dirtySectors.set((int) (size / SECTOR_BYTES), (oldLength - 1) / SECTOR_BYTES + 1);
    }

    /** fsync succeeded: everything is durable. */
    void makeDurable() {
        durable = ensureCapacity(durable, currentLength);
        for (int s = dirtySectors.nextSetBit(0); s >= 0; s = dirtySectors.nextSetBit(s + 1)) {
            copySector(current, durable, s);
        }
        if (durableLength > currentLength) {
            Arrays.fill(durable, currentLength, durableLength, (byte) 0);
        }
        durableLength = currentLength;
        dirtySectors.clear();
    }

    /**
     * fsync failed: each dirty sector, by a seeded choice, became durable, stays dirty (a retry
     * would persist it), or was marked clean without being written (lost at power loss although
     * reads still see it: the fsync-gate behaviour of Linux).
     */
    void failedForce(RandomGenerator random) {
        durable = ensureCapacity(durable, currentLength);
        BitSet stillDirty = new BitSet();
        for (int s = dirtySectors.nextSetBit(0); s >= 0; s = dirtySectors.nextSetBit(s + 1)) {
            switch (random.nextInt(3)) {
                case 0 -> copySector(current, durable, s);
                case 1 -> stillDirty.set(s);
                default -> { } // marked clean, never written
            }
        }
        if (random.nextBoolean()) {
            if (durableLength > currentLength) {
                Arrays.fill(durable, currentLength, durableLength, (byte) 0);
            }
            durableLength = currentLength;
        }
        dirtySectors.clear();
        dirtySectors.or(stillDirty);
    }

    /**
     * Power loss: the page cache is gone. Each dirty sector independently made it to the platter
     * or not (seeded), so an unforced write is torn at sector boundaries only; each sector is all
     * old or all new. The length grows only as far as surviving sectors reach.
     */
    void powerLoss(RandomGenerator random) {
        BitSet survived = new BitSet();
        for (int s = dirtySectors.nextSetBit(0); s >= 0; s = dirtySectors.nextSetBit(s + 1)) {
            if (random.nextBoolean()) {
                survived.set(s);
            }
        }
        int newLength = durableLength;
        if (currentLength > durableLength) {
            int last = survived.previousSetBit(Integer.MAX_VALUE - 1);
            if (last >= 0) {
                newLength = Math.max(durableLength, Math.min(currentLength, (last + 1) * SECTOR_BYTES));
            }
        } else if (currentLength < durableLength && random.nextBoolean()) {
            newLength = currentLength;
        }
        byte[] result = new byte[newLength];
        System.arraycopy(durable, 0, result, 0, Math.min(durableLength, newLength));
        for (int s = survived.nextSetBit(0); s >= 0; s = survived.nextSetBit(s + 1)) {
            int from = s * SECTOR_BYTES;
            if (from >= newLength) {
                break;
            }
            int to = Math.min(newLength, from + SECTOR_BYTES);
            for (int i = from; i < to; i++) {
                result[i] = i < currentLength ? current[i] : 0;
            }
        }
        current = result;
        currentLength = newLength;
        durable = result.clone();
        durableLength = newLength;
        dirtySectors.clear();
    }

    /** Bit rot: flips one bit in both views. */
    void flipBit(long bitOffset) {
        long byteOffset = bitOffset / 8;
        int mask = 1 << (int) (bitOffset % 8);
        if (byteOffset < currentLength) {
            current[(int) byteOffset] ^= (byte) mask;
        }
        if (byteOffset < durableLength) {
            durable[(int) byteOffset] ^= (byte) mask;
        }
    }

    private void copySector(byte[] from, byte[] to, int sector) {
        int start = sector * SECTOR_BYTES;
        int end = Math.min(currentLength, start + SECTOR_BYTES);
        if (start < end) {
            System.arraycopy(from, start, to, start, end - start);
        }
    }

    private static byte[] ensureCapacity(byte[] array, int needed) {
        if (array.length >= needed) {
            return array;
        }
        long grown = Math.max(needed, Math.min((long) MAX_FILE_BYTES, Math.max(4096L, array.length * 2L)));
        return Arrays.copyOf(array, (int) grown);
    }
}
