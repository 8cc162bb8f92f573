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

    /** FNV-1a over {@code buf}'s remaining bytes; does not move its position. */
    public static long hashOf(ByteBuffer buf) {
        long h = FNV_OFFSET;
        for (int i = buf.position(); i < buf.limit(); i++) {
            h ^= buf.get(i) & 0xff;
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    public static long hashOf(byte[] bytes, int offset, int length) {
        return hashOf(ByteBuffer.wrap(bytes, offset, length));
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
