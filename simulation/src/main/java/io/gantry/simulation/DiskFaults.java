package io.gantry.simulation;

import java.util.random.RandomGenerator;

/**
 * The faults a {@link SimDisk} injects on demand: I/O errors on write or force (the next N, or
 * each with a probability), misdirected writes, and extra latency. Decisions are drawn from the
 * disk's seeded stream, so they replay with the seed.
 */
public final class DiskFaults {

    private int failNextWrites;
    private int failNextForces;
    private double writeErrorProbability;
    private double forceErrorProbability;
    private int misdirectNextWrites;
    private long misdirectDeltaBytes;
    private long extraLatencyMicros;

    /** The next {@code n} writes fail with EIO and write nothing. */
    public DiskFaults failNextWrites(int n) {
        failNextWrites = requireCount(n);
        return this;
    }

    /** The next {@code n} forces fail with EIO; durability of the unforced data is then unknown. */
    public DiskFaults failNextForces(int n) {
        failNextForces = requireCount(n);
        return this;
    }

    public DiskFaults writeErrorProbability(double p) {
        writeErrorProbability = requireProbability(p);
        return this;
    }

    public DiskFaults forceErrorProbability(double p) {
        forceErrorProbability = requireProbability(p);
        return this;
    }

    /** The next {@code n} writes land {@code deltaBytes} away from where they were aimed (never before 0). */
    public DiskFaults misdirectNextWrites(int n, long deltaBytes) {
        misdirectNextWrites = requireCount(n);
        misdirectDeltaBytes = deltaBytes;
        return this;
    }

    /** Every disk operation takes this much longer (charged to offloaded tasks). */
    public DiskFaults extraLatencyMicros(long micros) {
        if (micros < 0 || micros > 60_000_000L) {
            throw new IllegalArgumentException("extraLatencyMicros out of [0, 60 s]: " + micros);
        }
        extraLatencyMicros = micros;
        return this;
    }

    /** Removes every fault. */
    public void clear() {
        failNextWrites = 0;
        failNextForces = 0;
        writeErrorProbability = 0;
        forceErrorProbability = 0;
        misdirectNextWrites = 0;
        extraLatencyMicros = 0;
    }

    boolean shouldFailWrite(RandomGenerator random) {
        if (failNextWrites > 0) {
            failNextWrites--;
            return true;
        }
        return writeErrorProbability > 0 && random.nextDouble() < writeErrorProbability;
    }

    boolean shouldFailForce(RandomGenerator random) {
        if (failNextForces > 0) {
            failNextForces--;
            return true;
        }
        return forceErrorProbability > 0 && random.nextDouble() < forceErrorProbability;
    }

    /** Where a write aimed at {@code position} lands. */
    long landingPosition(long position) {
        if (misdirectNextWrites == 0) {
            return position;
        }
        misdirectNextWrites--;
        return Math.max(0, position + misdirectDeltaBytes);
    }

    long extraLatencyNanos() {
        return extraLatencyMicros * 1_000L;
    }

    private static int requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("count < 0: " + n);
        }
        return n;
    }

    private static double requireProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability out of [0, 1]: " + p);
        }
        return p;
    }
}
