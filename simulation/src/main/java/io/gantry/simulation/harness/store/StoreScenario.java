package io.gantry.simulation.harness.store;

import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.FaultSchedule;
import io.gantry.simulation.harness.RunResult;
import io.gantry.simulation.harness.Scenario;
import io.gantry.store.FlushDiskType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Store-level scenarios: the real {@link io.gantry.store.MessageStore} on one simulated node, several
 * logical producers putting unique values to a few queues of a few topics, a reader polling every
 * queue, under a swarm fault schedule of crashes, power losses, pauses, clock jumps and disk faults;
 * then heal, settle, probe and drain, and run the store checkers.
 *
 * <p>{@link #earlyAck} is a deliberately broken variant for the harness's own tests: under
 * SYNC_FLUSH it acknowledges a put as soon as it is appended, before any force (as a store that
 * completed its durability future early would). The {@code lost} checker must catch it.
 */
public final class StoreScenario implements Scenario {

    /** Faults are injected for this long, then everything heals. */
    public static final long FAULT_PHASE_MS = 20_000;
    /** Default cap on workload puts (the producers' rate bounds them well below this). */
    public static final int DEFAULT_MAX_OPS = 100_000;

    static final Set<FaultKind> KINDS = EnumSet.of(FaultKind.CRASH, FaultKind.POWER_LOSS, FaultKind.PAUSE,
            FaultKind.CLOCK_JUMP, FaultKind.WRITE_EIO, FaultKind.FORCE_EIO, FaultKind.ENOSPC, FaultKind.SLOW_DISK,
            FaultKind.BIT_FLIP, FaultKind.DISK_LOSS, FaultKind.CLOCK_SKEW);

    private final String name;
    private final FlushDiskType flushDiskType;
    private final boolean earlyAck;

    private StoreScenario(String name, FlushDiskType flushDiskType, boolean earlyAck) {
        this.name = name;
        this.flushDiskType = flushDiskType;
        this.earlyAck = earlyAck;
    }

    public static StoreScenario sync() {
        return new StoreScenario("store-sync", FlushDiskType.SYNC_FLUSH, false);
    }

    public static StoreScenario async() {
        return new StoreScenario("store-async", FlushDiskType.ASYNC_FLUSH, false);
    }

    /** SYNC_FLUSH that acknowledges before the force: broken on purpose, never part of "all". */
    public static StoreScenario earlyAckBroken() {
        return new StoreScenario("store-sync-early-ack", FlushDiskType.SYNC_FLUSH, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return (earlyAck ? "BROKEN ON PURPOSE: acks SYNC_FLUSH puts before the force; " : "")
                + "one store, " + flushDiskType + ", " + StoreRun.PRODUCERS + " producers over "
                + StoreRun.TOPICS.size() + " topics x " + StoreRun.QUEUES + " queues, crashes, power loss, pauses,"
                + " clock jumps and skew, EIO, ENOSPC, slow disk, bit flips, rare disk loss";
    }

    public FlushDiskType flushDiskType() {
        return flushDiskType;
    }

    @Override
    public boolean supportsSchedules() {
        return true;
    }

    @Override
    public boolean supportsDroppingOps() {
        return true;
    }

    @Override
    public FaultSchedule schedule(long seed) {
        return FaultSchedule.draw(name, seed, KINDS, FAULT_PHASE_MS, DEFAULT_MAX_OPS);
    }

    @Override
    public RunResult run(FaultSchedule schedule) {
        if (!schedule.scenario().equals(name)) {
            throw new IllegalArgumentException("schedule is for " + schedule.scenario() + ", not " + name);
        }
        return new StoreRun(name, flushDiskType, earlyAck, schedule).execute();
    }
}
