package io.gantry.nameserver;

import io.gantry.nameserver.route.RemovedBroker;
import io.gantry.nameserver.route.RouteTable;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Scheduler;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every {@code intervalMs} on the node's loop, drops the brokers that have been silent for longer
 * than their timeout, and hands each to {@code onExpired} (the nameserver closes its connection).
 * Measures silence on the scheduler's monotonic clock. Does not guarantee promptness: a broker is
 * dropped up to one interval (plus loop delay) after its timeout.
 */
final class BrokerLivenessScanner {

    private final Scheduler scheduler;
    private final RouteTable routes;
    private final long intervalMs;
    private final Consumer<RemovedBroker> onExpired;
    private Cancellable timer;

    BrokerLivenessScanner(Scheduler scheduler, RouteTable routes, long intervalMs, Consumer<RemovedBroker> onExpired) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.onExpired = Objects.requireNonNull(onExpired, "onExpired");
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("intervalMs must be positive, was " + intervalMs);
        }
        this.intervalMs = intervalMs;
    }

    /** Starts the periodic scan; the first runs one interval from now. Call on the loop. */
    void start() {
        assert scheduler.inLoop() : "start off the loop";
        if (timer == null) {
            timer = scheduler.schedulePeriodic(intervalMs, intervalMs, this::scanOnce);
        }
    }

    /** Runs one scan now; returns what it dropped. */
    List<RemovedBroker> scanOnce() {
        List<RemovedBroker> expired = routes.expire(scheduler.clock().monotonicMs());
        expired.forEach(onExpired);
        return expired;
    }

    /** Stops the scan. Call on the loop; idempotent. */
    void stop() {
        assert scheduler.inLoop() : "stop off the loop";
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
