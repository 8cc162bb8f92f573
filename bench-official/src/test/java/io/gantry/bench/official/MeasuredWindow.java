package io.gantry.bench.official;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The clock and the tallies of one send cell: senders record each completed send's latency and each failure at
 * any time; the cell's owner lets it warm up, {@link #startCounting() starts counting}, waits, and
 * {@link #finish() takes} what was recorded in between. A latency recorded before the start of counting is
 * dropped, one recorded after {@link #finish()} too, so the count and the window's length always match.
 */
final class MeasuredWindow {

    private final Recorder latencyNanos = new Recorder(3);
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopped;
    private long countingSinceNanos;

    void recordLatency(long nanos) {
        latencyNanos.recordValue(Math.max(1, nanos));
    }

    void recordFailure() {
        failures.incrementAndGet();
    }

    /** Whether senders should stop issuing new sends. */
    boolean stopped() {
        return stopped;
    }

    /** Forgets everything recorded during warm-up; the measured window starts now. */
    void startCounting() {
        latencyNanos.getIntervalHistogram();
        failures.set(0);
        countingSinceNanos = System.nanoTime();
    }

    /** Ends the measured window, tells senders to stop, and returns what it counted. */
    CellResult finish(String cell) {
        Histogram counted = latencyNanos.getIntervalHistogram();
        long failed = failures.get();
        double seconds = (System.nanoTime() - countingSinceNanos) / 1e9;
        stopped = true;
        return CellResult.of(cell, counted, failed, seconds);
    }

    /** Runs a warm-up and a measured window on the calling thread's clock while the senders work. */
    CellResult run(String cell, long warmupMs, long measureMs) throws InterruptedException {
        // A benchmark window is a span of wall time, so sleeping is the measurement itself, not a wait.
        Thread.sleep(warmupMs);
        startCounting();
        Thread.sleep(measureMs);
        return finish(cell);
    }
}
