package io.gantry.store;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Clock;
import io.gantry.runtime.Scheduler;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A single-threaded scheduler on virtual time for store unit tests. Offloaded tasks wait until the
 * test runs them ({@link #runOffloaded()}), so a test can look at the store while a force is "in
 * flight". Everything runs on the test thread.
 */
final class ManualScheduler implements Scheduler {
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final ArrayDeque<Runnable> offloaded = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;
    private long wallClockBaseMs = 1_700_000_000_000L;

    private final class Timer implements Comparable<Timer>, Cancellable {
        long dueNanos;
        final long seq = sequence++;
        final long periodMs;
        final Runnable task;
        boolean cancelled;

        Timer(long dueNanos, long periodMs, Runnable task) {
            this.dueNanos = dueNanos;
            this.periodMs = periodMs;
            this.task = task;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(dueNanos, o.dueNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public boolean cancel() {
            boolean wasPending = !cancelled && (periodMs > 0 || timers.contains(this));
            cancelled = true;
            timers.remove(this);
            return wasPending;
        }
    }

    private final Clock clock = new Clock() {
        @Override
        public long nanoTime() {
            return nowNanos;
        }

        @Override
        public long wallClockMs() {
            return wallClockBaseMs + nowNanos / 1_000_000L;
        }
    };

    @Override
    public void execute(Runnable task) {
        ready.add(task);
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
        Timer t = new Timer(nowNanos + delayMs * 1_000_000L, -1, task);
        timers.add(t);
        return t;
    }

    @Override
    public Cancellable schedulePeriodic(long initialDelayMs, long periodMs, Runnable task) {
        Timer t = new Timer(nowNanos + initialDelayMs * 1_000_000L, periodMs, task);
        timers.add(t);
        return t;
    }

    @Override
    public <T> CompletableFuture<T> offload(Callable<T> blockingTask) {
        CompletableFuture<T> future = new CompletableFuture<>();
        offloaded.add(() -> {
            try {
                T value = blockingTask.call();
                ready.add(() -> future.complete(value));
            } catch (Throwable e) {
                ready.add(() -> future.completeExceptionally(e));
            }
        });
        return future;
    }

    @Override
    public boolean inLoop() {
        return true;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    void setWallClockMs(long wallMs) {
        wallClockBaseMs = wallMs - nowNanos / 1_000_000L;
    }

    int pendingOffloaded() {
        return offloaded.size();
    }

    /** Runs ready loop tasks until none are left. */
    void runReady() {
        while (!ready.isEmpty()) {
            ready.poll().run();
        }
    }

    /** Runs the offloaded tasks queued now, then the loop tasks they completed. */
    void runOffloaded() {
        int n = offloaded.size();
        for (int i = 0; i < n; i++) {
            offloaded.poll().run();
        }
        runReady();
    }

    /** Runs loop and offloaded tasks until both queues are empty; time does not move. */
    void runUntilIdle() {
        runReady();
        while (!offloaded.isEmpty()) {
            runOffloaded();
        }
    }

    /** Moves time forward firing due timers and loop tasks, but leaves offloaded work pending (a stuck disk). */
    void advanceTimersOnly(long ms) {
        long target = nowNanos + ms * 1_000_000L;
        runReady();
        while (!timers.isEmpty() && timers.peek().dueNanos <= target) {
            Timer t = timers.poll();
            nowNanos = Math.max(nowNanos, t.dueNanos);
            t.task.run();
            if (t.periodMs > 0 && !t.cancelled) {
                t.dueNanos = nowNanos + t.periodMs * 1_000_000L;
                timers.add(t);
            }
            runReady();
        }
        nowNanos = target;
    }

    /** Moves time forward, firing due timers and running everything they cause. */
    void advanceMs(long ms) {
        long target = nowNanos + ms * 1_000_000L;
        runUntilIdle();
        while (!timers.isEmpty() && timers.peek().dueNanos <= target) {
            Timer t = timers.poll();
            nowNanos = Math.max(nowNanos, t.dueNanos);
            t.task.run();
            if (t.periodMs > 0 && !t.cancelled) {
                t.dueNanos = nowNanos + t.periodMs * 1_000_000L;
                timers.add(t);
            }
            runUntilIdle();
        }
        nowNanos = target;
    }
}
