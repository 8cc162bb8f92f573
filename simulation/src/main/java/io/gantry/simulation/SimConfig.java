package io.gantry.simulation;

/**
 * The knobs of one simulated world. Every value has a limit-checked default; a run is fully
 * determined by this record (above all {@link #seed}) and the scenario code.
 *
 * @param seed                    the run's seed; every random choice in the world derives from it
 * @param maxEventsPerRun         safety limit per {@code run*} call, against a task that reschedules itself forever
 * @param epochMs                 wall-clock time (ms since the Unix epoch) at virtual time 0
 * @param initialClockSkewMaxMs   each node's wall clock starts off by a seeded amount in [-this, +this]
 * @param offloadDelayMicros      virtual time an offloaded task takes on top of the disk latency it charged
 * @param minLinkLatencyMicros    lower bound of a link's base latency (drawn per ordered node pair)
 * @param maxLinkLatencyMicros    upper bound of a link's base latency
 * @param jitterMicros            extra per-frame latency, uniform in [0, this]
 * @param resetAfterMs            a partition lasting this long resets the connections crossing it
 * @param connectTimeoutMs        a connect across a partition fails after this
 * @param maxFrameBytes           frames larger than this are rejected on send
 * @param outboundLimitBytes      {@code isWritable()} turns false above this many queued bytes on a connection
 * @param diskCapacityBytes       each node's disk size (ENOSPC beyond it)
 * @param diskWriteLatencyMicros  virtual time charged per write or read
 * @param diskForceLatencyMicros  virtual time charged per force or directory sync
 */
public record SimConfig(
        long seed,
        long maxEventsPerRun,
        long epochMs,
        long initialClockSkewMaxMs,
        long offloadDelayMicros,
        long minLinkLatencyMicros,
        long maxLinkLatencyMicros,
        long jitterMicros,
        long resetAfterMs,
        long connectTimeoutMs,
        int maxFrameBytes,
        long outboundLimitBytes,
        long diskCapacityBytes,
        long diskWriteLatencyMicros,
        long diskForceLatencyMicros) {

    /** 2026-01-01T00:00:00Z: a fixed epoch, so wall-clock readings are reproducible. */
    public static final long DEFAULT_EPOCH_MS = 1_767_225_600_000L;

    public SimConfig {
        requireRange("maxEventsPerRun", maxEventsPerRun, 1, Long.MAX_VALUE);
        requireRange("epochMs", epochMs, 0, Long.MAX_VALUE / 4);
        requireRange("initialClockSkewMaxMs", initialClockSkewMaxMs, 0, 365L * 24 * 3600 * 1000);
        requireRange("offloadDelayMicros", offloadDelayMicros, 0, 60_000_000L);
        requireRange("minLinkLatencyMicros", minLinkLatencyMicros, 0, 60_000_000L);
        requireRange("maxLinkLatencyMicros", maxLinkLatencyMicros, minLinkLatencyMicros, 60_000_000L);
        requireRange("jitterMicros", jitterMicros, 0, 60_000_000L);
        requireRange("resetAfterMs", resetAfterMs, 1, 24L * 3600 * 1000);
        requireRange("connectTimeoutMs", connectTimeoutMs, 1, 24L * 3600 * 1000);
        requireRange("maxFrameBytes", maxFrameBytes, 1, Integer.MAX_VALUE);
        requireRange("outboundLimitBytes", outboundLimitBytes, 1, Long.MAX_VALUE);
        requireRange("diskCapacityBytes", diskCapacityBytes, 0, Long.MAX_VALUE / 4);
        requireRange("diskWriteLatencyMicros", diskWriteLatencyMicros, 0, 60_000_000L);
        requireRange("diskForceLatencyMicros", diskForceLatencyMicros, 0, 60_000_000L);
    }

    /** Defaults: a LAN (50..500 us links, 200 us jitter), 1 GiB disks, 2 ms fsync. */
    public static SimConfig defaults(long seed) {
        return new SimConfig(seed, 20_000_000L, DEFAULT_EPOCH_MS, 0, 50,
                50, 500, 200, 10_000, 3_000, io.gantry.runtime.Network.DEFAULT_MAX_FRAME_BYTES,
                4L * 1024 * 1024, 1L << 30, 20, 2_000);
    }

    public SimConfig withMaxEventsPerRun(long v) {
        return new SimConfig(seed, v, epochMs, initialClockSkewMaxMs, offloadDelayMicros, minLinkLatencyMicros,
                maxLinkLatencyMicros, jitterMicros, resetAfterMs, connectTimeoutMs, maxFrameBytes, outboundLimitBytes,
                diskCapacityBytes, diskWriteLatencyMicros, diskForceLatencyMicros);
    }

    public SimConfig withInitialClockSkewMaxMs(long v) {
        return new SimConfig(seed, maxEventsPerRun, epochMs, v, offloadDelayMicros, minLinkLatencyMicros,
                maxLinkLatencyMicros, jitterMicros, resetAfterMs, connectTimeoutMs, maxFrameBytes, outboundLimitBytes,
                diskCapacityBytes, diskWriteLatencyMicros, diskForceLatencyMicros);
    }

    public SimConfig withLinkLatencyMicros(long min, long max, long jitter) {
        return new SimConfig(seed, maxEventsPerRun, epochMs, initialClockSkewMaxMs, offloadDelayMicros, min,
                max, jitter, resetAfterMs, connectTimeoutMs, maxFrameBytes, outboundLimitBytes,
                diskCapacityBytes, diskWriteLatencyMicros, diskForceLatencyMicros);
    }

    public SimConfig withResetAfterMs(long v) {
        return new SimConfig(seed, maxEventsPerRun, epochMs, initialClockSkewMaxMs, offloadDelayMicros,
                minLinkLatencyMicros, maxLinkLatencyMicros, jitterMicros, v, connectTimeoutMs, maxFrameBytes,
                outboundLimitBytes, diskCapacityBytes, diskWriteLatencyMicros, diskForceLatencyMicros);
    }

    public SimConfig withMaxFrameBytes(int v) {
        return new SimConfig(seed, maxEventsPerRun, epochMs, initialClockSkewMaxMs, offloadDelayMicros,
                minLinkLatencyMicros, maxLinkLatencyMicros, jitterMicros, resetAfterMs, connectTimeoutMs, v,
                outboundLimitBytes, diskCapacityBytes, diskWriteLatencyMicros, diskForceLatencyMicros);
    }

    public SimConfig withDiskCapacityBytes(long v) {
        return new SimConfig(seed, maxEventsPerRun, epochMs, initialClockSkewMaxMs, offloadDelayMicros,
                minLinkLatencyMicros, maxLinkLatencyMicros, jitterMicros, resetAfterMs, connectTimeoutMs,
                maxFrameBytes, outboundLimitBytes, v, diskWriteLatencyMicros, diskForceLatencyMicros);
    }

    public SimConfig withDiskLatencyMicros(long write, long force) {
        return new SimConfig(seed, maxEventsPerRun, epochMs, initialClockSkewMaxMs, offloadDelayMicros,
                minLinkLatencyMicros, maxLinkLatencyMicros, jitterMicros, resetAfterMs, connectTimeoutMs,
                maxFrameBytes, outboundLimitBytes, diskCapacityBytes, write, force);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }
}
