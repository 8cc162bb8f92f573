package io.gantry.cli;

import io.gantry.simulation.harness.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs simulation jobs on {@code jobs} threads, one whole simulation per thread at a time (worlds
 * share nothing), and hands the results to the caller in submission order, on the caller's thread.
 */
final class SimSweep {

    /** One run to do. */
    record Job(String scenario, long seed, Supplier<RunResult> run) {
    }

    private SimSweep() {
    }

    static void run(List<Job> work, int jobs, Consumer<RunResult> onResult) throws InterruptedException {
        if (jobs == 1) {
            for (Job j : work) {
                onResult.accept(j.run().get());
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "sim-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (Job j : work) {
                futures.add(pool.submit(() -> j.run().get()));
            }
            for (Future<RunResult> f : futures) {
                try {
                    onResult.accept(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
