package io.gantry.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.DiskFile;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.Scheduler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimSchedulerTest {

    private final SimWorld world = SimWorld.create(42);
    private final SimNode node = world.addNode("n1");
    private final Scheduler scheduler = node.context().scheduler();

    @Test
    void runsTasksAndTimersInTimeThenSchedulingOrder() {
        List<String> order = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        scheduler.schedule(10, () -> { order.add("a@10"); times.add(world.nowMs()); });
        scheduler.schedule(5, () -> { order.add("b@5"); times.add(world.nowMs()); });
        scheduler.schedule(10, () -> { order.add("c@10"); times.add(world.nowMs()); });
        scheduler.execute(() -> { order.add("d@0"); times.add(world.nowMs()); });
        scheduler.schedule(0, () -> { order.add("e@0"); times.add(world.nowMs()); });

        world.runUntilIdle();

        assertThat(order).containsExactly("d@0", "e@0", "b@5", "a@10", "c@10");
        assertThat(times).containsExactly(0L, 0L, 5L, 10L, 10L);
    }

    @Test
    void anIdleSimulatedHourOfPeriodicTimersTakesLittleWallTime() {
        long[] runs = {0};
        long periodMs = 10;
        long hourMs = TimeUnit.HOURS.toMillis(1);
        scheduler.schedulePeriodic(0, periodMs, () -> runs[0]++);

        long wallStart = System.nanoTime();
        world.runFor(hourMs);
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wallStart);

        // Runs at 0, 10, ..., 3_600_000: one more than the number of periods in the hour.
        assertThat(runs[0]).isEqualTo(hourMs / periodMs + 1);
        assertThat(world.nowMs()).isEqualTo(hourMs);
        assertThat(wallMs).isLessThan(10_000);
    }

    @Test
    void cancelledTimerDoesNotFire() {
        List<String> fired = new ArrayList<>();
        Cancellable timer = scheduler.schedule(5, () -> fired.add("cancelled"));
        Cancellable periodic = scheduler.schedulePeriodic(1, 1, () -> fired.add("tick"));
        scheduler.schedule(3, () -> assertThat(periodic.cancel()).isTrue());

        assertThat(timer.cancel()).isTrue();
        assertThat(timer.cancel()).isFalse();
        world.runFor(100);

        assertThat(fired).containsExactly("tick", "tick");
    }

    @Test
    void crashDropsPendingTasksTimersAndOffloadedCompletions() {
        List<String> ran = new ArrayList<>();
        scheduler.execute(() -> ran.add("task"));
        Cancellable timer = scheduler.schedule(10, () -> ran.add("timer"));
        scheduler.schedulePeriodic(1, 1, () -> ran.add("periodic"));
        CompletableFuture<String> offloaded = scheduler.offload(() -> "done");

        node.crash();
        world.runFor(1_000);

        assertThat(ran).isEmpty();
        assertThat(offloaded).isNotDone();
        assertThat(timer.cancel()).isFalse();
        assertThat(node.isUp()).isFalse();
        assertThatThrownBy(node::context).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void restartIsANewIncarnationAndOldEventsStayDropped() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(10, () -> ran.add("old"));
        NodeContext restarted = node.restart();
        restarted.scheduler().schedule(10, () -> ran.add("new"));

        world.runFor(100);

        assertThat(node.incarnation()).isEqualTo(2);
        assertThat(ran).containsExactly("new");
    }

    @Test
    void offloadRunsOffTheLoopAndCompletesOnTheLoopAfterTheChargedLatency() throws Exception {
        DiskFile file = node.context().disk().open("f", true);
        boolean[] inLoopDuringTask = {true};
        boolean[] inLoopOnCompletion = {false};
        long[] completedAtNanos = {-1};
        scheduler.execute(() -> scheduler.offload(() -> {
            inLoopDuringTask[0] = scheduler.inLoop();
            file.write(0, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            file.force();
            return null;
        }).whenComplete((r, e) -> {
            inLoopOnCompletion[0] = scheduler.inLoop();
            completedAtNanos[0] = world.nowNanos();
        }));

        world.runUntilIdle();

        assertThat(inLoopDuringTask[0]).isFalse();
        assertThat(inLoopOnCompletion[0]).isTrue();
        long forceNanos = world.config().diskForceLatencyMicros() * 1_000;
        assertThat(completedAtNanos[0]).isGreaterThanOrEqualTo(forceNanos);
    }

    @Test
    void offloadedExceptionCompletesTheFutureExceptionally() {
        CompletableFuture<Object> f = scheduler.offload(() -> {
            throw new java.io.IOException("boom");
        });
        world.runUntilIdle();
        assertThat(f).isCompletedExceptionally();
    }

    @Test
    void pauseHoldsEventsAndResumeRunsThemInOrder() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(5, () -> ran.add("a"));
        scheduler.schedule(6, () -> ran.add("b"));
        node.pause(100);

        world.runFor(50);
        assertThat(ran).isEmpty();

        world.runFor(100);
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void maxEventsStopsARunawayLoop() {
        SimWorld small = new SimWorld(SimConfig.defaults(1).withMaxEventsPerRun(1_000));
        Scheduler s = small.addNode("n").context().scheduler();
        Runnable[] forever = new Runnable[1];
        forever[0] = () -> s.execute(forever[0]);
        s.execute(forever[0]);

        assertThatThrownBy(small::runUntilIdle)
                .isInstanceOf(SimulationException.class)
                .hasMessageContaining("maxEventsPerRun");
    }

    @Test
    void throwingTaskFailsTheRunUnlessToldOtherwise() {
        scheduler.execute(() -> {
            throw new IllegalStateException("bug");
        });
        assertThatThrownBy(world::runUntilIdle).isInstanceOf(SimulationException.class)
                .hasRootCauseMessage("bug");

        world.setFailOnTaskException(false);
        int[] runs = {0};
        scheduler.schedulePeriodic(0, 10, () -> {
            runs[0]++;
            throw new IllegalStateException("periodic bug");
        });
        world.runFor(35);
        assertThat(runs[0]).isEqualTo(4);
        assertThat(world.taskFailures()).filteredOn(t -> "periodic bug".equals(t.getMessage())).hasSize(4);
    }

    @Test
    void loopOnlyCallsFromAnotherNodesEventAreRejected() {
        Scheduler other = world.addNode("n2").context().scheduler();
        Throwable[] error = {null};
        other.execute(() -> {
            try {
                scheduler.schedule(1, () -> { });
            } catch (IllegalStateException e) {
                error[0] = e;
            }
        });
        world.runUntilIdle();
        assertThat(error[0]).hasMessageContaining("off node n1's loop");
    }

    @Test
    void clockFollowsVirtualTimeWithWallClockDriftAndJumps() {
        SimClock clock = node.clock();
        long mono0 = clock.nanoTime();
        long wall0 = clock.wallClockMs();
        assertThat(wall0).isEqualTo(SimConfig.DEFAULT_EPOCH_MS);

        world.runFor(1_000);
        assertThat(clock.nanoTime() - mono0).isEqualTo(1_000_000_000L);
        assertThat(clock.wallClockMs() - wall0).isEqualTo(1_000);

        clock.setDriftPpm(1_000); // 1 ms fast per second
        world.runFor(10_000);
        assertThat(clock.wallClockMs() - wall0).isEqualTo(11_010);

        clock.jumpWallClock(-60_000);
        assertThat(clock.wallClockMs() - wall0).isEqualTo(11_010 - 60_000);
        assertThat(clock.nanoTime() - mono0).isEqualTo(11_000_000_000L);
    }

    @Test
    void theScenarioMayScheduleFromAWorldEvent() {
        List<Long> firedAtMs = new ArrayList<>();
        world.schedule(5, () -> scheduler.schedule(1, () -> firedAtMs.add(world.nowMs())));
        world.runUntilIdle();
        assertThat(firedAtMs).containsExactly(6L);
    }

    @Test
    void runUntilStopsWhenTheConditionHoldsOrAtTheDeadline() {
        boolean[] flag = {false};
        scheduler.schedule(30, () -> flag[0] = true);

        assertThat(world.runUntil(() -> flag[0], 10)).isFalse();
        assertThat(world.nowMs()).isEqualTo(10);
        assertThat(world.runUntil(() -> flag[0], 100)).isTrue();
        assertThat(world.nowMs()).isEqualTo(30);
    }

    @Test
    void anotherThreadCannotTouchTheWorld() throws Exception {
        Throwable[] error = {null};
        Thread t = new Thread(() -> {
            try {
                scheduler.execute(() -> { });
            } catch (IllegalStateException e) {
                error[0] = e;
            }
        });
        t.start();
        t.join();
        assertThat(error[0]).hasMessageContaining("single-threaded");
    }

    @Test
    void absurdDelaysAreRejected() {
        assertThatThrownBy(() -> scheduler.schedule(-1, () -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.schedule(Long.MAX_VALUE, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.schedulePeriodic(0, 0, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
