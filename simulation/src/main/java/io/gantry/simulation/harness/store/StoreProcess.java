package io.gantry.simulation.harness.store;

import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.store.MessageStore;
import io.gantry.store.StoreConfig;
import io.gantry.store.StoreCorruptionException;
import java.util.ArrayList;
import java.util.List;

/**
 * The life cycle of the real {@link MessageStore} on one simulated node: open (recover) on the
 * node's loop, crash or lose power, restart after a delay with the same {@link StoreConfig}, and
 * retry an open that an injected disk fault broke. A store that refuses to open because its data is
 * corrupt stays down (that is its contract). Crash listeners let the workload turn in-flight puts
 * into indeterminate ones.
 */
final class StoreProcess {

    /** Wait between attempts when an open fails on an injected fault. */
    static final long REOPEN_RETRY_MS = 1_000;

    private final SimWorld world;
    private final SimNode node;
    private final StoreConfig config;
    private final History history;
    private final List<Runnable> crashListeners = new ArrayList<>();
    private MessageStore store;
    private boolean opening;
    private boolean refusedStart;
    /** Bumped by every crash, so a restart scheduled before a later crash does not double-start. */
    private long generation;

    StoreProcess(SimWorld world, SimNode node, StoreConfig config, History history) {
        this.world = world;
        this.node = node;
        this.config = config;
        this.history = history;
    }

    void onCrash(Runnable listener) {
        crashListeners.add(listener);
    }

    /** The running store, or null while down or opening. */
    MessageStore store() {
        return store;
    }

    SimNode node() {
        return node;
    }

    StoreConfig config() {
        return config;
    }

    boolean refusedStart() {
        return refusedStart;
    }

    boolean isUp() {
        return store != null;
    }

    /** Opens the store on the node's loop (restarting the node first if it is down). */
    void start() {
        if (refusedStart || opening || store != null) {
            return;
        }
        if (!node.isUp()) {
            node.restart();
        }
        opening = true;
        long gen = generation;
        NodeContext ctx = node.context();
        ctx.scheduler().execute(() -> open(ctx, gen));
    }

    private void open(NodeContext ctx, long gen) {
        if (gen != generation) {
            return;
        }
        opening = false;
        try {
            MessageStore s = MessageStore.open(ctx, config);
            s.start();
            store = s;
        } catch (StoreCorruptionException e) {
            refusedStart = true;
            history.add(world.nowMs(), "store", HistoryEntry.Type.INFO, "open", null, null, -1, -1, -1,
                    "REFUSED", 0, e.getMessage());
        } catch (Exception e) {
            // An injected disk fault hit recovery: the operator restarts the process and tries again.
            history.add(world.nowMs(), "store", HistoryEntry.Type.INFO, "open", null, null, -1, -1, -1,
                    "OPEN_FAILED", 0, String.valueOf(e));
            world.schedule(0, () -> {
                crash(FaultKind.CRASH, "supervisor", "open failed");
                world.schedule(REOPEN_RETRY_MS, this::start);
            });
        }
    }

    /**
     * Kills the process ({@link FaultKind#CRASH}), the machine ({@link FaultKind#POWER_LOSS}) or the
     * machine and its disk ({@link FaultKind#DISK_LOSS}), records it, and tells the listeners. A node
     * already down is left alone (returns false), except that it still loses its disk.
     */
    boolean crash(FaultKind kind, String who, String detail) {
        boolean wasUp = node.isUp();
        if (!wasUp && kind != FaultKind.DISK_LOSS) {
            return false;
        }
        if (wasUp) {
            generation++;
            store = null;
            opening = false;
        }
        history.add(world.nowMs(), who, HistoryEntry.Type.FAULT, kind.label(), null, null, -1, -1, -1, null, 0,
                detail);
        if (kind == FaultKind.DISK_LOSS) {
            node.loseDisk();
            // A new, empty disk: nothing corrupt is left to refuse.
            refusedStart = false;
        } else if (kind == FaultKind.POWER_LOSS) {
            node.powerLoss();
        } else {
            node.crash();
        }
        if (wasUp) {
            for (Runnable l : crashListeners) {
                l.run();
            }
        }
        return true;
    }

    /** Restarts after {@code delayMs}, unless another crash comes first. */
    void restartAfter(long delayMs) {
        long gen = generation;
        world.schedule(delayMs, () -> {
            if (gen == generation) {
                start();
            }
        });
    }
}
