package io.gantry.runtime;

/**
 * A node's view of time.
 *
 * <p>Two clocks, as on a real machine:
 * <ul>
 *   <li>{@link #nanoTime()}: monotonic, for measuring durations and timeouts. Never goes back on
 *       one node. Its origin is arbitrary: values are meaningless across nodes or restarts.</li>
 *   <li>{@link #wallClockMs()}: milliseconds since the epoch, for store timestamps, file names
 *       and anything a user reads. It can jump backwards or forwards, and drifts: in the
 *       simulation each node's wall clock has its own offset, drift and jumps.</li>
 * </ul>
 *
 * <p>Does not guarantee: that two nodes' wall clocks agree, that the wall clock is monotonic,
 * or any resolution finer than a millisecond for the wall clock. Durations must be measured with
 * {@link #nanoTime()}, never by subtracting wall-clock readings.
 */
public interface Clock {

    /** Monotonic time in nanoseconds, arbitrary origin. */
    long nanoTime();

    /** Wall-clock time in milliseconds since the Unix epoch; may jump in either direction. */
    long wallClockMs();

    /** Monotonic time in milliseconds, derived from {@link #nanoTime()}. */
    default long monotonicMs() {
        return nanoTime() / 1_000_000L;
    }
}
