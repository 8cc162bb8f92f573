package io.gantry.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A node's event loop: the single thread on which all of that node's state lives.
 *
 * <p>Contract:
 * <ul>
 *   <li>Tasks submitted with {@link #execute} run one at a time, in submission order, never
 *       concurrently with each other or with timers of the same node.</li>
 *   <li>A timer fires no earlier than its delay after it was scheduled, measured on this node's
 *       {@link Clock#nanoTime()}; timers due at the same instant fire in scheduling order.</li>
 *   <li>{@link #offload} runs blocking work (an fsync, a large file read) away from the loop and
 *       completes the returned future <em>on the loop</em>, so callbacks chained on it are on
 *       the loop too.</li>
 *   <li>{@link #execute} may be called from any thread; the other methods must be called on the
 *       loop (assert with {@link #inLoop()}).</li>
 * </ul>
 *
 * <p>Does not guarantee: how late a timer fires (a busy loop delays it); that anything runs
 * after the node stops or crashes (pending tasks, timers and offloaded completions are dropped
 * and their futures may never complete); any ordering between offloaded tasks, which may run
 * concurrently with each other in production.
 */
public interface Scheduler extends Executor {

    /** Runs {@code task} on the loop, after the tasks already submitted. Callable from any thread. */
    @Override
    void execute(Runnable task);

    /** Runs {@code task} on the loop once, after {@code delayMs} (0 = as soon as possible). */
    Cancellable schedule(long delayMs, Runnable task);

    /**
     * Runs {@code task} on the loop after {@code initialDelayMs}, then every {@code periodMs}
     * (fixed delay between the end of one run and the start of the next). An exception thrown
     * by the task is logged and does not stop the period.
     */
    Cancellable schedulePeriodic(long initialDelayMs, long periodMs, Runnable task);

    /**
     * Runs a blocking task off the loop and completes the future on the loop with its result or
     * exception. Use it for anything that may block: force (fsync), big reads, deletes.
     * Must be called on the loop.
     */
    <T> CompletableFuture<T> offload(Callable<T> blockingTask);

    /** True when the calling thread is this loop. */
    boolean inLoop();

    /** The node's clock, the one timers are measured on. */
    Clock clock();
}
