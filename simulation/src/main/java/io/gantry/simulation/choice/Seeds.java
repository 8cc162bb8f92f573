package io.gantry.simulation.choice;

import java.nio.charset.StandardCharsets;

/** Derives seeds deterministically: per property name, and per case from a run seed. */
final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    private Seeds() {
    }

    /** SplitMix64's finalizer: spreads nearby inputs (seed, seed + 1, ...) far apart. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of case {@code caseIndex} in a run with seed {@code runSeed}. */
    static long forCase(long runSeed, int caseIndex) {
        return mix(runSeed + (caseIndex + 1L) * GOLDEN_GAMMA);
    }

    /** A stable seed for a property name (FNV-1a over its UTF-8 bytes, then mixed). */
    static long ofName(String name) {
        long hash = 0xCBF2_9CE4_8422_2325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x0000_0100_0000_01B3L;
        }
        return mix(hash);
    }
}
