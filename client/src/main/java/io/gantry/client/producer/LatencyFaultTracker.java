package io.gantry.client.producer;

import io.gantry.runtime.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Latency-based fault avoidance: after a send to a broker, the broker is avoided for a while
 * that grows with the send's latency (not at all under 550 ms), and for 30 s after a failure.
 * Loop-only. Advisory: when every broker is avoided the producer still sends.
 */
public final class LatencyFaultTracker {

    private static final long[] LATENCY_STEPS_MS = {550, 1_000, 2_000, 3_000, 15_000};
    private static final long[] AVOID_FOR_MS = {30_000, 60_000, 120_000, 180_000, 600_000};
    /** How long a broker that failed outright is avoided. */
    public static final long AVOID_AFTER_FAILURE_MS = 30_000;
    /** Limit on brokers tracked. */
    public static final int MAX_BROKERS = 10_000;

    private final Clock clock;
    private final Map<String, Long> avoidUntilMs = new HashMap<>();

    public LatencyFaultTracker(Clock clock) {
        this.clock = clock;
    }

    /** Records a send to {@code brokerName} that took {@code latencyMs}, or failed. */
    public void record(String brokerName, long latencyMs, boolean failed) {
        long avoidMs = failed ? AVOID_AFTER_FAILURE_MS : avoidanceFor(latencyMs);
        if (avoidMs == 0) {
            avoidUntilMs.remove(brokerName);
            return;
        }
        if (avoidUntilMs.size() >= MAX_BROKERS && !avoidUntilMs.containsKey(brokerName)) {
            avoidUntilMs.clear();
        }
        avoidUntilMs.put(brokerName, clock.monotonicMs() + avoidMs);
    }

    /** True unless {@code brokerName} is being avoided now. */
    public boolean isAvailable(String brokerName) {
        Long until = avoidUntilMs.get(brokerName);
        return until == null || clock.monotonicMs() >= until;
    }

    static long avoidanceFor(long latencyMs) {
        long avoid = 0;
        for (int i = 0; i < LATENCY_STEPS_MS.length; i++) {
            if (latencyMs >= LATENCY_STEPS_MS[i]) {
                avoid = AVOID_FOR_MS[i];
            }
        }
        return avoid;
    }
}
