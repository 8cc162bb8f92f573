package io.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlusherTest {
    @TempDir
    Path tmp;
    private FaultyDisk disk;

    @BeforeEach
    void setUpDisk() {
        disk = new FaultyDisk(tmp);
    }
    private final ManualScheduler scheduler = new ManualScheduler();
    private final StoreHealth health = new StoreHealth();
    private final List<Long> durableReports = new ArrayList<>();

    private long append(SegmentedFile log, int n) throws Exception {
        log.append(ByteBuffer.allocate(n));
        return log.writePosition();
    }

    @Test
    void groupCommitCompletesWaitersOnlyAfterTheForceReturns() throws Exception {
        SegmentedFile log = SegmentedFile.open(disk, "cl", 1024, 0);
        GroupCommitFlusher flusher = new GroupCommitFlusher(scheduler, log, health, 5000, durableReports::add);

        CompletableFuture<FlushStatus> first = flusher.awaitDurable(append(log, 10));
        assertThat(scheduler.pendingOffloaded()).as("one force started").isEqualTo(1);
        // Appends during the force join the next one.
        CompletableFuture<FlushStatus> second = flusher.awaitDurable(append(log, 10));
        CompletableFuture<FlushStatus> third = flusher.awaitDurable(append(log, 10));
        scheduler.runReady();
        assertThat(first).isNotDone();
        assertThat(scheduler.pendingOffloaded()).as("still one force in flight").isEqualTo(1);

        scheduler.runOffloaded();
        assertThat(first).isCompletedWithValue(FlushStatus.FLUSHED);
        assertThat(second).isNotDone();
        assertThat(log.durablePosition()).isEqualTo(10);
        assertThat(scheduler.pendingOffloaded()).as("the next group's force").isEqualTo(1);

        scheduler.runOffloaded();
        assertThat(second).isCompletedWithValue(FlushStatus.FLUSHED);
        assertThat(third).isCompletedWithValue(FlushStatus.FLUSHED);
        assertThat(durableReports).containsExactly(10L, 30L);
        assertThat(flusher.awaitDurable(30)).as("already durable").isCompletedWithValue(FlushStatus.FLUSHED);
    }

    @Test
    void groupCommitTimesOutWithFlushDiskTimeoutWhenTheForceIsSlow() throws Exception {
        SegmentedFile log = SegmentedFile.open(disk, "cl", 1024, 0);
        GroupCommitFlusher flusher = new GroupCommitFlusher(scheduler, log, health, 5000, durableReports::add);
        CompletableFuture<FlushStatus> waiting = flusher.awaitDurable(append(log, 10));
        // The force never returns within 5 s: the offloaded task is held back.
        scheduler.runReady();
        assertThat(waiting).isNotDone();
        CompletableFuture<FlushStatus> result = waiting;
        advanceWithoutOffload(4999);
        assertThat(result).isNotDone();
        advanceWithoutOffload(1);
        assertThat(result).isCompletedWithValue(FlushStatus.FLUSH_DISK_TIMEOUT);
        assertThat(health.isWritable()).isTrue();
        scheduler.runOffloaded();
        assertThat(log.durablePosition()).isEqualTo(10);
    }

    private void advanceWithoutOffload(long ms) {
        // Timers fire but offloaded forces stay pending: a stuck disk.
        ManualScheduler s = scheduler;
        int pending = s.pendingOffloaded();
        assertThat(pending).isEqualTo(1);
        s.advanceTimersOnly(ms);
    }

    @Test
    void failedForceFailsEveryWaiterAndLaterOnesAndTurnsTheStoreReadOnly() throws Exception {
        disk.failForceOn(p -> p.startsWith("cl/"));
        SegmentedFile log = SegmentedFile.open(disk, "cl", 1024, 0);
        GroupCommitFlusher flusher = new GroupCommitFlusher(scheduler, log, health, 5000, durableReports::add);
        CompletableFuture<FlushStatus> first = flusher.awaitDurable(append(log, 10));
        CompletableFuture<FlushStatus> second = flusher.awaitDurable(append(log, 10));
        scheduler.runUntilIdle();

        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThatFailure(first).isInstanceOf(StoreFailedException.class).hasMessageContaining("EIO");
        assertThat(health.isWritable()).isFalse();
        assertThat(health.readOnlyReason()).contains("commit log").contains("EIO");
        assertThat(log.durablePosition()).isZero();
        assertThat(durableReports).isEmpty();

        CompletableFuture<FlushStatus> later = flusher.awaitDurable(append(log, 10));
        assertThat(later).isCompletedExceptionally();
        assertThat(scheduler.pendingOffloaded()).as("no force after a failed one").isZero();
    }

    @Test
    void periodicFlusherForcesOnItsIntervalAndNotBefore() throws Exception {
        SegmentedFile log = SegmentedFile.open(disk, "cl", 1024, 0);
        PeriodicFlusher flusher = new PeriodicFlusher(scheduler, log, health, 500, "commit log", durableReports::add);
        flusher.start();
        CompletableFuture<FlushStatus> waiting = flusher.awaitDurable(append(log, 10));
        scheduler.advanceMs(499);
        assertThat(waiting).isNotDone();
        assertThat(log.durablePosition()).isZero();
        scheduler.advanceMs(1);
        assertThat(waiting).isCompletedWithValue(FlushStatus.FLUSHED);
        assertThat(durableReports).containsExactly(10L);

        int forcesBefore = disk.forces;
        scheduler.advanceMs(2000);
        assertThat(disk.forces).as("nothing new to force").isEqualTo(forcesBefore);

        CompletableFuture<FlushStatus> now = flusher.flushNow();
        assertThat(now).isDone();
        append(log, 5);
        CompletableFuture<FlushStatus> explicit = flusher.flushNow();
        scheduler.runUntilIdle();
        assertThat(explicit).isCompletedWithValue(FlushStatus.FLUSHED);
        assertThat(log.durablePosition()).isEqualTo(15);
        flusher.stop();
    }

    @Test
    void periodicFlusherFailureFailsWaitersAndTurnsReadOnly() throws Exception {
        disk.failForceOn(p -> true);
        SegmentedFile log = SegmentedFile.open(disk, "cl", 1024, 0);
        PeriodicFlusher flusher = new PeriodicFlusher(scheduler, log, health, 500, "commit log", durableReports::add);
        flusher.start();
        CompletableFuture<FlushStatus> waiting = flusher.awaitDurable(append(log, 10));
        scheduler.advanceMs(500);
        assertThat(waiting).isCompletedExceptionally();
        assertThat(health.isWritable()).isFalse();
        assertThat(flusher.awaitDurable(append(log, 1))).isCompletedExceptionally();
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertThatFailure(
            CompletableFuture<?> f) {
        try {
            f.get();
            throw new AssertionError("expected failure");
        } catch (ExecutionException e) {
            return assertThat(e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
