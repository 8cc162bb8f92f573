package io.gantry.runtime.prod;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Clock;
import io.gantry.runtime.Scheduler;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's production event loop: one dedicated thread ({@code gantry-<nodeId>-loop}) running
 * tasks and timers one at a time, plus a small pool ({@code gantry-<nodeId>-offload-<n>}) for
 * blocking work.
 *
 * <p>Built on a single-threaded {@link ScheduledThreadPoolExecutor}, whose queue orders by due
 * time and then by submission sequence; that gives FIFO for {@link #execute} and scheduling order
 * for timers due at the same instant. Timers are measured on {@link System#nanoTime()}, the
 * source of {@link SystemClock}.
 *
 * <p>Every task is wrapped so that an exception is logged and never kills the loop or a periodic
 * timer. After {@link #close()}, submissions are dropped (logged at debug) instead of throwing
 * into node code; pending tasks, timers and offloaded completions are dropped too.
 *
 * <p>Does not guarantee: timeliness (a busy loop delays timers), that the offload queue accepts
 * work beyond {@link #MAX_QUEUED_OFFLOADS} (the future then fails with
 * {@link RejectedExecutionException}), any order between offloaded tasks.
 */
public final class EventLoopScheduler implements Scheduler, AutoCloseable {

    /** Default number of offload threads: enough for a couple of concurrent fsyncs and reads. */
    public static final int DEFAULT_OFFLOAD_THREADS = 3;

    /** Limit on offloaded tasks waiting for a thread; beyond it offload fails fast. */
    public static final int MAX_QUEUED_OFFLOADS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(EventLoopScheduler.class);
    private static final long CLOSE_WAIT_MS = 5_000;

    private final String nodeId;
    private final ScheduledThreadPoolExecutor loop;
    private final ThreadPoolExecutor offloadPool;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The loop thread; replaced only if the executor ever had to start a new one. */
    private volatile Thread loopThread;

    /** A scheduler for {@code nodeId} with {@link #DEFAULT_OFFLOAD_THREADS} offload threads. */
    public EventLoopScheduler(String nodeId) {
        this(nodeId, DEFAULT_OFFLOAD_THREADS);
    }

    public EventLoopScheduler(String nodeId, int offloadThreads) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        if (offloadThreads < 1 || offloadThreads > 64) {
            throw new IllegalArgumentException("offloadThreads must be in [1, 64]: " + offloadThreads);
        }
        ThreadFactory loopFactory = runnable -> {
            Thread thread = new Thread(runnable, "gantry-" + nodeId + "-loop");
            // A running node keeps the process alive, like any server thread.
            thread.setDaemon(false);
            loopThread = thread;
            return thread;
        };
        this.loop = new ScheduledThreadPoolExecutor(1, loopFactory);
        loop.setRemoveOnCancelPolicy(true);
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        loop.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        loop.prestartCoreThread();

        AtomicInteger offloadCount = new AtomicInteger();
        ThreadFactory offloadFactory = runnable -> {
            Thread thread = new Thread(runnable, "gantry-" + nodeId + "-offload-" + offloadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.offloadPool = new ThreadPoolExecutor(
                offloadThreads, offloadThreads, 0L, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_OFFLOADS), offloadFactory, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closed.get()) {
            LOG.debug("{}: scheduler closed, dropping task {}", nodeId, task);
            return;
        }
        try {
            loop.execute(() -> runLogged(task));
        } catch (RejectedExecutionException e) {
            // Lost the race with close(): same as submitting after close.
            LOG.debug("{}: scheduler closed, dropping task {}", nodeId, task);
        }
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
        assert inLoop() : "schedule must be called on the loop";
        Objects.requireNonNull(task, "task");
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs < 0: " + delayMs);
        }
        Timer timer = new Timer(task, false);
        try {
            timer.future = loop.schedule(timer, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: scheduler closed, dropping timer {}", nodeId, task);
            timer.done = true;
        }
        return timer;
    }

    @Override
    public Cancellable schedulePeriodic(long initialDelayMs, long periodMs, Runnable task) {
        assert inLoop() : "schedulePeriodic must be called on the loop";
        Objects.requireNonNull(task, "task");
        if (initialDelayMs < 0 || periodMs <= 0) {
            throw new IllegalArgumentException(
                    "need initialDelayMs >= 0 and periodMs > 0: " + initialDelayMs + ", " + periodMs);
        }
        Timer timer = new Timer(task, true);
        try {
            timer.future = loop.scheduleWithFixedDelay(timer, initialDelayMs, periodMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: scheduler closed, dropping periodic timer {}", nodeId, task);
            timer.done = true;
        }
        return timer;
    }

    @Override
    public <T> CompletableFuture<T> offload(Callable<T> blockingTask) {
        assert inLoop() : "offload must be called on the loop";
        Objects.requireNonNull(blockingTask, "blockingTask");
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            offloadPool.execute(() -> {
                T result;
                try {
                    result = blockingTask.call();
                } catch (Throwable t) {
                    execute(() -> future.completeExceptionally(t));
                    return;
                }
                execute(() -> future.complete(result));
            });
        } catch (RejectedExecutionException e) {
            if (closed.get()) {
                LOG.debug("{}: scheduler closed, dropping offloaded task {}", nodeId, blockingTask);
            } else {
                // Queue full: fail on the loop rather than block it or grow without bound.
                execute(() -> future.completeExceptionally(e));
            }
        }
        return future;
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == loopThread;
    }

    @Override
    public Clock clock() {
        return SystemClock.INSTANCE;
    }

    /** The node id this scheduler's threads are named after. */
    public String nodeId() {
        return nodeId;
    }

    /** True once {@link #close()} has been called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Stops the loop and the offload pool, dropping pending work, and waits a bounded time for
     * the threads to finish their current task (not when called from the loop itself).
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.shutdownNow();
        offloadPool.shutdownNow();
        if (inLoop()) {
            return;
        }
        try {
            if (!loop.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: loop still running a task {} ms after close", nodeId, CLOSE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runLogged(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            // Errors included: the loop must survive a failed assertion in one task.
            LOG.error("{}: task {} failed", nodeId, task, t);
        }
    }

    /**
     * A one-shot or periodic timer. Its state is touched only on the loop (runs and, per the
     * interface, cancels), so plain fields suffice.
     */
    private final class Timer implements Runnable, Cancellable {
        private final Runnable task;
        private final boolean periodic;
        private ScheduledFuture<?> future;
        /** Cancelled, or a one-shot that has started running. */
        private boolean done;

        Timer(Runnable task, boolean periodic) {
            this.task = task;
            this.periodic = periodic;
        }

        @Override
        public void run() {
            if (done) {
                return;
            }
            if (!periodic) {
                done = true;
            }
            runLogged(task);
        }

        @Override
        public boolean cancel() {
            assert inLoop() : "cancel must be called on the loop";
            if (done || closed.get()) {
                return false;
            }
            done = true;
            if (future != null) {
                future.cancel(false);
            }
            return true;
        }

        @Override
        public String toString() {
            return (periodic ? "periodic timer " : "timer ") + task;
        }
    }
}
