package io.gantry.simulation;

import java.nio.ByteBuffer;

/**
 * A 64-bit rolling hash over everything observable that happened in a run (events run, frames
 * delivered, disk operations, faults). Two runs with the same seed and scenario must end with the
 * same value; a mismatch pinpoints nondeterminism. Not cryptographic: collisions are possible,
 * only unlikely.
 */
public final class TraceHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long BLOCK_PRIME = 0x9fb21c651e98df25L;
    private static final java.lang.invoke.VarHandle LITTLE_ENDIAN_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private long hash = 0x6a09e667f3bcc908L;
    private long updates;

    /** Mixes one value into the hash. */
    public void add(long value) {
        hash = mix(hash ^ mix(value + 0x9e3779b97f4a7c15L * ++updates));
    }

    public void add(String value) {
        add(hashOf(value));
    }

    /** Mixes a record: a kind tag and its fields, in order. */
    public void record(int kind, long... fields) {
        add(kind);
        for (long f : fields) {
            add(f);
        }
    }

    public long value() {
        return hash;
    }

    /** Number of values mixed in so far. */
    public long updates() {
        return updates;
    }

    /** FNV-1a over the UTF-16 chars of {@code s}: stable across JVMs, unlike {@code String.hashCode} spread. */
    public static long hashOf(String s) {
        long h = FNV_OFFSET;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /**
     * A hash of {@code buf}'s remaining bytes; does not move its position. Reads eight bytes at a time
     * (little-endian, whatever the buffer's order), because every frame delivered and every disk write
     * is hashed whole: byte-at-a-time FNV was a visible share of a simulation's CPU.
     */
    public static long hashOf(ByteBuffer buf) {
        if (buf.hasArray()) {
            return hashOf(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        }
        int length = buf.remaining();
        long h = FNV_OFFSET ^ length * BLOCK_PRIME;
        int i = buf.position();
        int end = buf.limit();
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long block = 0;
            for (int b = Long.BYTES - 1; b >= 0; b--) {
                block = block << 8 | (buf.get(i + b) & 0xffL);
            }
            h = mixBlock(h, block);
        }
        long tail = 0;
        for (int b = end - 1; b >= i; b--) {
            tail = tail << 8 | (buf.get(b) & 0xffL);
        }
        return mix(mixBlock(h, tail));
    }

    /** The same hash as {@link #hashOf(ByteBuffer)} over {@code bytes[offset, offset + length)}. */
    public static long hashOf(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        long h = FNV_OFFSET ^ length * BLOCK_PRIME;
        int i = offset;
        int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            h = mixBlock(h, (long) LITTLE_ENDIAN_LONG.get(bytes, i));
        }
        long tail = 0;
        for (int b = end - 1; b >= i; b--) {
            tail = tail << 8 | (bytes[b] & 0xffL);
        }
        return mix(mixBlock(h, tail));
    }

    private static long mixBlock(long h, long block) {
        return Long.rotateLeft(h ^ block * BLOCK_PRIME, 29) * FNV_PRIME + 0x9e3779b97f4a7c15L;
    }

    /** The murmur3 64-bit finalizer: spreads every input bit over the output. */
    public static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** A seed for a named component, independent of the order in which components are created. */
    public static long deriveSeed(long rootSeed, String label) {
        return mix(mix(rootSeed) ^ hashOf(label));
    }
}
