package io.gantry.simulation.harness.store;

import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.harness.FaultEvent;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.History;
import io.gantry.store.MessageStore;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies store-level faults to the one node: process crash and power loss (restart after the
 * event's duration), pauses, wall-clock jumps, EIO on the next writes or forces, ENOSPC and slow
 * disk for a while, and a bit flip in durable commit-log data. A supervisor also restarts a store
 * that turned read-only (after a failed force or write), as an operator would. Network fault kinds
 * do not apply to a single store and are skipped.
 */
final class StoreNemesis implements io.gantry.simulation.harness.Nemesis {

    /** How often the supervisor looks for a read-only store. */
    static final long SUPERVISE_EVERY_MS = 500;
    static final long SUPERVISOR_RESTART_DELAY_MS = 200;
    /** Bounds on event arguments, so any schedule file (or choice sequence) stays meaningful. */
    static final long MAX_CLOCK_JUMP_MS = 3_600_000;
    static final int MAX_EIO_COUNT = 4;
    static final long MAX_ENOSPC_HEADROOM_BYTES = 64 * 1024;
    static final long MAX_SLOW_DISK_MICROS = 2_000_000;

    private final SimWorld world;
    private final StoreProcess process;
    private final History history;
    private final long diskCapacityBytes;
    private final Map<String, Integer> applied = new TreeMap<>();
    private boolean healed;

    StoreNemesis(SimWorld world, StoreProcess process, History history) {
        this.world = world;
        this.process = process;
        this.history = history;
        this.diskCapacityBytes = world.config().diskCapacityBytes();
    }

    /** Faults actually applied, by kind label (the supervisor's restarts are not faults). */
    Map<String, Integer> applied() {
        return applied;
    }

    void startSupervisor() {
        world.schedule(SUPERVISE_EVERY_MS, this::supervise);
    }

    private void supervise() {
        MessageStore store = process.store();
        if (store != null && store.readOnlyReason() != null) {
            process.crash(FaultKind.CRASH, "supervisor", "restart read-only store: " + store.readOnlyReason());
            process.restartAfter(SUPERVISOR_RESTART_DELAY_MS);
        }
        // Also after the heal: a force that failed just before it leaves the store read-only.
        world.schedule(SUPERVISE_EVERY_MS, this::supervise);
    }

    @Override
    public void apply(FaultEvent e) {
        SimNode node = process.node();
        if (healed) {
            return;
        }
        boolean done = switch (e.kind()) {
            case CRASH, POWER_LOSS -> {
                boolean crashed = process.crash(e.kind(), "nemesis", "restart in " + e.durationMs() + " ms");
                if (crashed) {
                    process.restartAfter(e.durationMs());
                }
                yield crashed;
            }
            case PAUSE -> {
                if (!node.isUp() || node.isPaused()) {
                    yield false;
                }
                node.pause(e.durationMs());
                yield record(e, "paused " + e.durationMs() + " ms");
            }
            case CLOCK_JUMP -> {
                long jumpMs = Math.abs(e.arg()) <= MAX_CLOCK_JUMP_MS ? e.arg()
                        : Math.floorMod(e.arg(), MAX_CLOCK_JUMP_MS * 2 + 1) - MAX_CLOCK_JUMP_MS;
                node.clock().jumpWallClock(jumpMs);
                yield record(e, "wall clock " + jumpMs + " ms");
            }
            case WRITE_EIO -> {
                int n = 1 + (int) Math.floorMod(e.arg() - 1, MAX_EIO_COUNT);
                node.disk().faults().failNextWrites(n);
                yield record(e, "next " + n + " writes fail");
            }
            case FORCE_EIO -> {
                int n = 1 + (int) Math.floorMod(e.arg() - 1, MAX_EIO_COUNT);
                node.disk().faults().failNextForces(n);
                yield record(e, "next " + n + " forces fail");
            }
            case ENOSPC -> {
                long headroom = Math.floorMod(e.arg(), MAX_ENOSPC_HEADROOM_BYTES);
                node.disk().setCapacityBytes(Math.min(diskCapacityBytes, node.disk().bytesUsed() + headroom));
                world.schedule(e.durationMs(), () -> node.disk().setCapacityBytes(diskCapacityBytes));
                yield record(e, "capacity used+" + headroom + " for " + e.durationMs() + " ms");
            }
            case SLOW_DISK -> {
                long micros = Math.floorMod(e.arg(), MAX_SLOW_DISK_MICROS);
                node.disk().faults().extraLatencyMicros(micros);
                world.schedule(e.durationMs(), () -> node.disk().faults().extraLatencyMicros(0));
                yield record(e, "+" + micros + " us per disk op for " + e.durationMs() + " ms");
            }
            case BIT_FLIP -> flipBit(e);
            // Network and skew kinds belong to cluster scenarios; a single store has no network.
            case PARTITION_HALVES, ISOLATE, PARTITION_RING, PARTITION_BRIDGE, PARTITION_ONE_WAY, CLOG,
                 CONNECTION_RESET, CLOCK_SKEW -> false;
        };
        if (done) {
            applied.merge(e.kind().label(), 1, Integer::sum);
        }
    }

    private boolean record(FaultEvent e, String detail) {
        history.fault(world.nowMs(), e.kind(), detail);
        return true;
    }

    /** Flips one bit below the durable commit-log position, in the segment file that holds it. */
    private boolean flipBit(FaultEvent e) {
        MessageStore store = process.store();
        if (store == null) {
            return false;
        }
        long durable = store.getDurablePhyOffset();
        long min = store.getMinPhyOffset();
        if (durable <= min) {
            return false;
        }
        long target = min + Math.floorMod(e.arg(), durable - min);
        long segment = process.config().mappedFileSizeCommitLog();
        long start = target / segment * segment;
        String path = process.config().storePathRootDir() + "/commitlog/" + String.format("%020d", start);
        long bit = (target - start) * 8 + Math.floorMod(e.arg() >>> 40, 8);
        try {
            process.node().disk().flipBit(path, bit);
        } catch (IOException ex) {
            return false;
        }
        history.fault(world.nowMs(), e.kind(), target, path + " bit " + bit + " (durable " + durable + ")");
        return true;
    }

    @Override
    public void healAll() {
        healed = true;
        SimNode node = process.node();
        node.disk().faults().clear();
        node.disk().setCapacityBytes(diskCapacityBytes);
        if (node.isUp() && node.isPaused()) {
            node.resume();
        }
        MessageStore store = process.store();
        if (store != null && store.readOnlyReason() != null) {
            process.crash(FaultKind.CRASH, "supervisor", "restart read-only store at heal: " + store.readOnlyReason());
        }
        process.start();
    }
}
