package io.gantry.runtime.prod;

import io.gantry.runtime.Clock;

/**
 * The machine's clocks: {@link System#nanoTime()} for monotonic time and
 * {@link System#currentTimeMillis()} for the wall clock.
 *
 * <p>Stateless, so one instance serves every node in the process. {@link EventLoopScheduler}
 * measures its timers on the same monotonic source, which is why it only accepts this clock.
 */
public final class SystemClock implements Clock {

    /** The only instance. */
    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long wallClockMs() {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
