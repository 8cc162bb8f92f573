package io.gantry.property.store;

import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimDisk;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.store.MessageStore;
import io.gantry.store.StoreConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One {@link MessageStore} on one simulated node, driven from the scenario thread: store calls run
 * as tasks on the node's loop ({@link #onLoop}), and the world runs only as far as needed for them
 * (so timers, forces and checkpoints interleave with the scenario as virtual time moves). Crashes
 * and power losses go through the {@link SimNode}; {@link #open} reopens the store on the new
 * incarnation's context.
 *
 * <p>Does not: hide a task's failure (it is rethrown), or open the store by itself after a crash.
 */
public final class SimStoreNode {
    /** Longest virtual time one loop call may take before the driver gives up. */
    static final long MAX_CALL_MS = 60_000;
    /** Longest virtual time a clean shutdown may take (a slow disk makes every operation seconds long). */
    static final long MAX_SHUTDOWN_MS = 3_600_000;

    private final SimWorld world;
    private final SimNode node;
    private final StoreConfig config;
    private NodeContext context;
    private MessageStore store;

    public SimStoreNode(long worldSeed, StoreConfig config) {
        this.world = SimWorld.create(worldSeed);
        this.node = world.addNode("broker");
        this.context = node.context();
        this.config = config;
    }

    public SimWorld world() {
        return world;
    }

    public SimDisk disk() {
        return node.disk();
    }

    public StoreConfig config() {
        return config;
    }

    /** The open store; fails if none is open (after a crash, before {@link #open}). */
    public MessageStore store() {
        if (store == null) {
            throw new IllegalStateException("no store is open");
        }
        return store;
    }

    public boolean isOpen() {
        return store != null;
    }

    /** Opens (recovers) and starts the store on the node's loop. */
    public MessageStore open() throws Exception {
        if (store != null) {
            throw new IllegalStateException("store already open");
        }
        NodeContext ctx = context;
        store = onLoop(() -> {
            MessageStore s = MessageStore.open(ctx, config);
            s.start();
            return s;
        });
        return store;
    }

    /** Runs {@code action} on the node's loop and returns its result once it ran. */
    public <T> T onLoop(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.scheduler().execute(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        if (!world.runUntil(result::isDone, MAX_CALL_MS)) {
            throw new IllegalStateException("a loop task did not run within " + MAX_CALL_MS + " virtual ms");
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Runs the world until {@code future} is done or {@code maxMs} of virtual time passed; true if done. */
    public boolean await(CompletableFuture<?> future, long maxMs) {
        return world.runUntil(future::isDone, maxMs);
    }

    /** Lets {@code ms} of virtual time pass (timers fire, forces complete). */
    public void advance(long ms) {
        world.runFor(ms);
    }

    /** kill -9 and restart the process; the page cache survives. The store must be reopened. */
    public void crashAndRestart() {
        node.crash();
        context = node.restart();
        store = null;
    }

    /** Power loss and reboot: unforced writes are lost or torn at sectors. The store must be reopened. */
    public void powerLossAndRestart() {
        node.powerLoss();
        context = node.restart();
        store = null;
    }

    /**
     * Shuts the store down cleanly (waiting for it), then restarts the process. Returns false if
     * the shutdown failed (a read-only store cannot flush); the process is restarted anyway.
     */
    public boolean cleanShutdownAndRestart() throws Exception {
        CompletableFuture<Void> done = onLoop(() -> store().shutdown());
        if (!await(done, MAX_SHUTDOWN_MS)) {
            throw new AssertionError("clean shutdown did not complete within " + MAX_SHUTDOWN_MS + " virtual ms");
        }
        node.crash();
        context = node.restart();
        store = null;
        return !done.isCompletedExceptionally();
    }
}
