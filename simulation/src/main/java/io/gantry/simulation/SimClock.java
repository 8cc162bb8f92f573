package io.gantry.simulation;

import io.gantry.runtime.Clock;

/**
 * A simulated node's clock. Monotonic time is the world's virtual time plus a per-incarnation
 * offset (so values are meaningless across nodes and restarts, as the seam says). Wall-clock time
 * is virtual time plus a per-node offset, a drift in parts per million, and any jumps the
 * scenario injects; it survives restarts, like a machine's clock.
 *
 * <p>Does not guarantee: any relation between two nodes' wall clocks. Drift applies to the wall
 * clock only; timers run on the monotonic clock at the world's rate.
 */
public final class SimClock implements Clock {

    /** Drift is bounded so wall-clock arithmetic cannot overflow over a long run. */
    public static final long MAX_DRIFT_PPM = 100_000;

    private final SimWorld world;
    private long monotonicOffsetNanos;
    /** Virtual time at which the wall clock was last re-anchored (drift change or jump). */
    private long anchorVirtualNanos;
    /** Wall-clock reading, in nanos since the epoch, at the anchor. */
    private long anchorWallNanos;
    private long driftPpm;

    SimClock(SimWorld world, long initialWallOffsetMs) {
        this.world = world;
        this.anchorVirtualNanos = world.nowNanos();
        this.anchorWallNanos = (world.config().epochMs() + initialWallOffsetMs) * 1_000_000L + world.nowNanos();
    }

    @Override
    public long nanoTime() {
        return world.nowNanos() + monotonicOffsetNanos;
    }

    @Override
    public long wallClockMs() {
        return wallNanos() / 1_000_000L;
    }

    private long wallNanos() {
        long elapsed = world.nowNanos() - anchorVirtualNanos;
        long drift = (elapsed / 1_000_000L) * driftPpm + (elapsed % 1_000_000L) * driftPpm / 1_000_000L;
        return anchorWallNanos + elapsed + drift;
    }

    /** Moves the wall clock by {@code deltaMs} (negative = backwards), as an NTP step or an operator would. */
    public void jumpWallClock(long deltaMs) {
        reanchor();
        anchorWallNanos += deltaMs * 1_000_000L;
        world.recordFault("clock-jump", deltaMs);
    }

    /** From now on the wall clock runs fast (positive) or slow (negative) by {@code ppm} parts per million. */
    public void setDriftPpm(long ppm) {
        if (Math.abs(ppm) > MAX_DRIFT_PPM) {
            throw new IllegalArgumentException("|ppm| > " + MAX_DRIFT_PPM + ": " + ppm);
        }
        reanchor();
        driftPpm = ppm;
        world.recordFault("clock-drift", ppm);
    }

    public long driftPpm() {
        return driftPpm;
    }

    private void reanchor() {
        anchorWallNanos = wallNanos();
        anchorVirtualNanos = world.nowNanos();
    }

    /** A new process: monotonic time gets a fresh arbitrary origin (never negative). */
    void newIncarnation(long monotonicOffsetNanos) {
        assert monotonicOffsetNanos >= 0;
        this.monotonicOffsetNanos = monotonicOffsetNanos;
    }
}
