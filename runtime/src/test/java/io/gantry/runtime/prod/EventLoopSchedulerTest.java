package io.gantry.runtime.prod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.gantry.runtime.Cancellable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopSchedulerTest {

    private final EventLoopScheduler scheduler = new EventLoopScheduler("test-node");

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    /** Runs {@code action} on the loop and returns its result. */
    private <T> T onLoop(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }

    @Test
    void executeRunsTasksInSubmissionOrderOnTheLoopThread() throws Exception {
        List<Integer> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            scheduler.execute(() -> {
                seen.add(n);
                if (n == 0) {
                    threads.add(Thread.currentThread().getName());
                }
            });
        }
        assertThat(onLoop(() -> new ArrayList<>(seen))).hasSize(10_000).isSorted();
        assertThat(threads).containsExactly("gantry-test-node-loop");
        assertThat(scheduler.inLoop()).isFalse();
        assertThat(onLoop(scheduler::inLoop)).isTrue();
    }

    @Test
    void timerFiresNoEarlierThanItsDelay() throws Exception {
        CompletableFuture<Long> firedAfterNs = new CompletableFuture<>();
        scheduler.execute(() -> {
            long scheduledAt = scheduler.clock().nanoTime();
            scheduler.schedule(30, () -> firedAfterNs.complete(scheduler.clock().nanoTime() - scheduledAt));
        });
        assertThat(firedAfterNs.get(5, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    void timersWithTheSameDelayFireInSchedulingOrder() throws Exception {
        List<Integer> fired = new ArrayList<>();
        CompletableFuture<List<Integer>> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                scheduler.schedule(5, () -> fired.add(n));
            }
            scheduler.schedule(10, () -> done.complete(new ArrayList<>(fired)));
        });
        assertThat(done.get(5, TimeUnit.SECONDS)).hasSize(100).isSorted();
    }

    @Test
    void periodicTaskContinuesAfterAnException() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Integer> thirdRun = new CompletableFuture<>();
        AtomicReference<Cancellable> handle = new AtomicReference<>();
        scheduler.execute(() -> handle.set(scheduler.schedulePeriodic(0, 5, () -> {
            int run = runs.incrementAndGet();
            if (run == 3) {
                thirdRun.complete(run);
            }
            if (run == 1) {
                throw new IllegalStateException("boom on the first run (expected by the test)");
            }
        })));
        assertThat(thirdRun.get(5, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(onLoop(() -> handle.get().cancel())).isTrue();
        assertThat(onLoop(() -> handle.get().cancel())).isFalse();
    }

    @Test
    void cancelledTimerNeverRuns() throws Exception {
        AtomicInteger cancelledRuns = new AtomicInteger();
        CompletableFuture<Integer> laterTimer = new CompletableFuture<>();
        List<Boolean> cancelResults = new ArrayList<>();
        scheduler.execute(() -> {
            Cancellable timer = scheduler.schedule(20, cancelledRuns::incrementAndGet);
            cancelResults.add(timer.cancel());
            cancelResults.add(timer.cancel());
            // Fires after the cancelled timer would have.
            scheduler.schedule(60, () -> laterTimer.complete(cancelledRuns.get()));
        });
        assertThat(laterTimer.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(onLoop(() -> new ArrayList<>(cancelResults))).containsExactly(true, false);
    }

    @Test
    void cancellingAFiredOneShotTimerReturnsFalse() throws Exception {
        CompletableFuture<Cancellable> fired = new CompletableFuture<>();
        AtomicReference<Cancellable> handle = new AtomicReference<>();
        scheduler.execute(() -> handle.set(scheduler.schedule(0, () -> fired.complete(handle.get()))));
        fired.get(5, TimeUnit.SECONDS);
        assertThat(onLoop(() -> handle.get().cancel())).isFalse();
    }

    @Test
    void periodicTimerCanCancelItselfFromInsideARun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Cancellable> handle = new AtomicReference<>();
        CompletableFuture<Boolean> cancelResult = new CompletableFuture<>();
        CompletableFuture<Integer> runsLater = new CompletableFuture<>();
        scheduler.execute(() -> {
            handle.set(scheduler.schedulePeriodic(0, 2, () -> {
                if (runs.incrementAndGet() == 2) {
                    cancelResult.complete(handle.get().cancel());
                    scheduler.schedule(30, () -> runsLater.complete(runs.get()));
                }
            }));
        });
        assertThat(cancelResult.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runsLater.get(5, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void offloadRunsOffTheLoopAndCompletesOnTheLoop() throws Exception {
        CompletableFuture<String> observed = new CompletableFuture<>();
        scheduler.execute(() -> scheduler.offload(() -> {
            assertThat(scheduler.inLoop()).isFalse();
            return Thread.currentThread().getName();
        }).whenComplete((threadName, error) -> {
            if (error != null) {
                observed.completeExceptionally(error);
            } else if (!scheduler.inLoop()) {
                observed.completeExceptionally(new AssertionError("callback not on the loop"));
            } else {
                observed.complete(threadName);
            }
        }));
        assertThat(observed.get(5, TimeUnit.SECONDS)).startsWith("gantry-test-node-offload-");
    }

    @Test
    void offloadFailureCompletesExceptionallyOnTheLoop() throws Exception {
        CompletableFuture<Boolean> callbackInLoop = new CompletableFuture<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        scheduler.execute(() -> scheduler.<String>offload(() -> {
            throw new IOException("disk on fire (expected by the test)");
        }).whenComplete((value, error) -> {
            failure.set(error);
            callbackInLoop.complete(scheduler.inLoop());
        }));
        assertThat(callbackInLoop.get(5, TimeUnit.SECONDS)).isTrue();
        Throwable error = failure.get();
        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
        assertThat(cause).isInstanceOf(IOException.class).hasMessageContaining("disk on fire");
    }

    @Test
    void aThrowingTaskDoesNotStopTheLoop() throws Exception {
        scheduler.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        assertThat(onLoop(() -> "still running")).isEqualTo("still running");
    }

    @Test
    void executeAfterCloseIsIgnoredAndCloseIsIdempotent() {
        scheduler.close();
        scheduler.close();
        AtomicInteger runs = new AtomicInteger();
        assertThatCode(() -> scheduler.execute(runs::incrementAndGet)).doesNotThrowAnyException();
        assertThat(scheduler.isClosed()).isTrue();
        assertThat(runs).hasValue(0);
    }

    @Test
    void closeDropsPendingTimers() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        onLoop(() -> scheduler.schedule(10_000, runs::incrementAndGet));
        long startNs = System.nanoTime();
        scheduler.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs)).isLessThan(5_000);
        assertThat(runs).hasValue(0);
    }
}
