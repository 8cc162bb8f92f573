package io.gantry.simulation;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Clock;
import io.gantry.runtime.Scheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * One node incarnation's event loop on virtual time. Tasks and timers become world events owned
 * by this incarnation, so a crash or restart drops all of them at once. {@link #offload} runs the
 * blocking task as its own event (off the loop: {@link #inLoop()} is false inside it) and completes
 * the future on the loop after the disk latency the task charged plus a fixed delay.
 *
 * <p>Calls other than {@link #execute} must come from this loop, or from the scenario (between
 * runs or in a world-level event); calling from another node's event or from an offloaded task
 * throws. Unlike production, {@link #execute} too must come from the world's thread: the
 * simulation has exactly one.
 *
 * <p>Does not guarantee: that offloaded tasks overlap in time (they run one after the other, each
 * instantaneously, with their completions spread out by latency).
 */
final class SimScheduler implements Scheduler {

    private final SimWorld world;
    private final SimNode node;
    private final long incarnation;
    private final SimClock clock;

    SimScheduler(SimWorld world, SimNode node, long incarnation, SimClock clock) {
        this.world = world;
        this.node = node;
        this.incarnation = incarnation;
        this.clock = clock;
    }

    @Override
    public void execute(Runnable task) {
        world.checkThread();
        world.enqueue(world.nowNanos(), node, incarnation, () -> world.runUserCode(node, task));
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
        checkCaller("schedule");
        SimWorld.checkDelayMs("delayMs", delayMs);
        Timer timer = new Timer(task, -1);
        timer.arm(delayMs);
        return timer;
    }

    @Override
    public Cancellable schedulePeriodic(long initialDelayMs, long periodMs, Runnable task) {
        checkCaller("schedulePeriodic");
        SimWorld.checkDelayMs("initialDelayMs", initialDelayMs);
        SimWorld.checkDelayMs("periodMs", periodMs);
        if (periodMs == 0) {
            throw new IllegalArgumentException("periodMs must be > 0");
        }
        Timer timer = new Timer(task, periodMs);
        timer.arm(initialDelayMs);
        return timer;
    }

    @Override
    public <T> CompletableFuture<T> offload(Callable<T> blockingTask) {
        checkCaller("offload");
        CompletableFuture<T> future = new CompletableFuture<>();
        world.enqueue(world.nowNanos(), node, incarnation, () -> runOffloaded(blockingTask, future));
        return future;
    }

    private <T> void runOffloaded(Callable<T> blockingTask, CompletableFuture<T> future) {
        node.takeChargedLatencyNanos();
        T result = null;
        Throwable error = null;
        world.setInOffload(true);
        try {
            result = blockingTask.call();
        } catch (SimulationBudgetExceeded e) {
            throw e;
        } catch (Throwable t) {
            error = t;
        } finally {
            world.setInOffload(false);
        }
        long delayNanos = world.config().offloadDelayMicros() * 1_000L + node.takeChargedLatencyNanos();
        T finalResult = result;
        Throwable finalError = error;
        world.enqueue(world.nowNanos() + delayNanos, node, incarnation, () -> world.runUserCode(node, () -> {
            if (finalError != null) {
                future.completeExceptionally(finalError);
            } else {
                future.complete(finalResult);
            }
        }));
    }

    @Override
    public boolean inLoop() {
        return world.isLoopOf(node, incarnation);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    private boolean alive() {
        return node.isUp() && node.incarnation() == incarnation;
    }

    private void checkCaller(String method) {
        world.checkThread();
        if (!inLoop() && !world.isScenarioCalling()) {
            throw new IllegalStateException(method + " called off node " + node.id() + "'s loop");
        }
    }

    /**
     * A one-shot or periodic timer. Its state lives here, not in the world event, because a paused
     * node re-queues its held events as new ones.
     */
    private final class Timer implements Cancellable {
        private final Runnable task;
        private final long periodMs;
        private boolean done;
        /** The pending firing: a cancel marks it, so the world skips it instead of running a no-op event. */
        private SimEvent pending;

        Timer(Runnable task, long periodMs) {
            this.task = task;
            this.periodMs = periodMs;
        }

        void arm(long delayMs) {
            pending = world.enqueue(world.nowNanos() + delayMs * 1_000_000L, node, incarnation, this::fire);
        }

        private void fire() {
            if (done) {
                return;
            }
            if (periodMs < 0) {
                done = true;
                world.runUserCode(node, task);
                return;
            }
            // runUserCode logs a throwing task; unless the world is strict, the period goes on.
            world.runUserCode(node, task);
            // Fixed delay: the next run starts periodMs after this one ended (tasks take no virtual time).
            if (!done && alive()) {
                arm(periodMs);
            }
        }

        @Override
        public boolean cancel() {
            if (done || !alive()) {
                return false;
            }
            done = true;
            if (pending != null) {
                pending.cancelled = true;
                pending = null;
            }
            return true;
        }
    }
}
