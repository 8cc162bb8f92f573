package io.gantry.simulation.harness.cluster;

import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;

/**
 * A restartable server (nameserver or broker) on one simulated node: boots the real class on the
 * node's loop, crashes or power-fails the node, and boots a fresh incarnation on the same disk after
 * a delay. A boot that throws (an injected disk fault while the store opens) is retried every
 * {@link #RETRY_START_MS}; the world never sees the exception. Subclasses say what booting means.
 */
abstract class ServerProcess {

    static final long RETRY_START_MS = 500;

    protected final SimWorld world;
    protected final SimNode node;
    protected final History history;
    private boolean up;
    private boolean wantUp = true;
    private long startFailures;
    private String lastStartFailure;
    private long generation;

    ServerProcess(SimWorld world, SimNode node, History history) {
        this.world = world;
        this.node = node;
        this.history = history;
    }

    /** Boots the server on {@code context}'s loop (called on that loop); throws if it cannot start. */
    protected abstract void boot(NodeContext context) throws Exception;

    /** Drops the reference to the dead incarnation. */
    protected abstract void forget();

    String id() {
        return node.id();
    }

    SimNode node() {
        return node;
    }

    /** Serving: booted and its node running. */
    boolean isUp() {
        return up && node.isUp();
    }

    long startFailures() {
        return startFailures;
    }

    String lastStartFailure() {
        return lastStartFailure;
    }

    /** Boots now if the process is down (restarting the node first when it died). */
    void start() {
        wantUp = true;
        if (isUp()) {
            return;
        }
        NodeContext context = node.isUp() ? node.context() : node.restart();
        long gen = ++generation;
        context.scheduler().execute(() -> {
            if (gen != generation) {
                return;
            }
            try {
                boot(context);
                up = true;
            } catch (Exception | AssertionError e) {
                startFailures++;
                lastStartFailure = String.valueOf(e);
                history.add(world.nowMs(), id(), HistoryEntry.Type.INFO, "start", null, null, -1, -1, -1,
                        "START_FAILED", 0, lastStartFailure);
                // The half-started incarnation may hold timers and a bound port: a fresh process retries.
                node.crash();
                forget();
                world.schedule(RETRY_START_MS, () -> {
                    if (wantUp && gen == generation) {
                        start();
                    }
                });
            }
        });
    }

    /**
     * Kills the process: {@link FaultKind#CRASH} keeps the page cache, {@link FaultKind#POWER_LOSS}
     * drops unforced writes. Returns false if it was already down.
     */
    boolean kill(FaultKind kind) {
        if (!node.isUp()) {
            return false;
        }
        generation++;
        up = false;
        if (kind == FaultKind.POWER_LOSS) {
            node.powerLoss();
        } else {
            node.crash();
        }
        forget();
        return true;
    }

    /** Restarts after {@code delayMs} unless something started it meanwhile. */
    void restartAfter(long delayMs) {
        long gen = generation;
        world.schedule(delayMs, () -> {
            if (gen == generation && !node.isUp()) {
                start();
            }
        });
    }
}
