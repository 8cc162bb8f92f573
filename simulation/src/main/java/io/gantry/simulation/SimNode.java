package io.gantry.simulation;

import io.gantry.runtime.NodeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated machine: a disk and a wall clock that outlive processes, and the current process
 * incarnation (scheduler, network endpoint, randomness) that a crash kills. The scenario drives
 * its lifecycle: {@link #crash()}, {@link #powerLoss()}, {@link #restart()}, {@link #pause()} and
 * {@link #resume()}.
 *
 * <p>Does not guarantee: that the event running when {@link #crash()} is called stops (it
 * finishes; everything it schedules is dropped).
 */
public final class SimNode {

    private final SimWorld world;
    private final String id;
    private final long idHash;
    private final SimClock clock;
    private final SimDisk disk;
    private final SplittableRandom machineRandom;

    private long incarnation;
    private boolean up;
    private boolean paused;
    private long pauseEpoch;
    private final List<SimEvent> held = new ArrayList<>();
    private SimEndpoint endpoint;
    private NodeContext context;
    private long chargedLatencyNanos;

    SimNode(SimWorld world, String id) {
        this.world = world;
        this.id = id;
        this.idHash = TraceHash.hashOf(id);
        this.machineRandom = new SplittableRandom(TraceHash.deriveSeed(world.seed(), "machine:" + id));
        long skewMax = world.config().initialClockSkewMaxMs();
        long skew = skewMax == 0 ? 0 : machineRandom.nextLong(-skewMax, skewMax + 1);
        this.clock = new SimClock(world, skew);
        this.disk = new SimDisk(world, this, new SplittableRandom(TraceHash.deriveSeed(world.seed(), "disk:" + id)));
    }

    public String id() {
        return id;
    }

    /** The current incarnation's context; only valid while the node is up. */
    public NodeContext context() {
        if (!up) {
            throw new IllegalStateException("node " + id + " is down");
        }
        return context;
    }

    public SimClock clock() {
        return clock;
    }

    public SimDisk disk() {
        return disk;
    }

    /** Starts at 1 and grows with every restart. */
    public long incarnation() {
        return incarnation;
    }

    public boolean isUp() {
        return up;
    }

    public boolean isPaused() {
        return paused;
    }

    /** kill -9: every pending task, timer and offloaded completion is dropped, connections die, the page cache survives. */
    public void crash() {
        stop(false);
    }

    /** The machine loses power: like {@link #crash()}, and the disk loses what was not durable. */
    public void powerLoss() {
        stop(true);
    }

    /**
     * Permanent disk loss: the machine goes down (as at a power loss) and its disk is replaced by an
     * empty one, so the next {@link #restart()} boots on nothing. A node already down just loses
     * its disk.
     */
    public void loseDisk() {
        world.checkThread();
        stop(true);
        world.recordFault("disk-loss", idHash, incarnation);
        disk.replaceWithEmpty();
    }

    private void stop(boolean powerLoss) {
        world.checkThread();
        if (!up) {
            return;
        }
        up = false;
        paused = false;
        held.clear();
        world.recordFault(powerLoss ? "power-loss" : "crash", idHash, incarnation);
        world.network().onEndpointDown(endpoint, powerLoss);
        disk.onProcessDeath();
        if (powerLoss) {
            disk.onPowerLoss();
        }
    }

    /**
     * Starts a new incarnation (crashing the current one first if it is up) with the same disk and
     * wall clock, and returns its context. Boot the node's code on it, e.g. via
     * {@code context.scheduler().execute(...)}.
     */
    public NodeContext restart() {
        world.checkThread();
        if (up) {
            crash();
        }
        incarnation++;
        up = true;
        paused = false;
        chargedLatencyNanos = 0;
        clock.newIncarnation(machineRandom.nextLong(1L << 50));
        SimScheduler scheduler = new SimScheduler(world, this, incarnation, clock);
        endpoint = world.network().newEndpoint(this, incarnation);
        SplittableRandom random = new SplittableRandom(
                TraceHash.deriveSeed(world.seed(), "node:" + id + "#" + incarnation));
        context = new NodeContext(id, clock, scheduler, disk, endpoint, random);
        world.trace().record(TraceKinds.NODE_LIFECYCLE, idHash, incarnation);
        return context;
    }

    /** Stops running this node's events (they are held, timers come due late) until {@link #resume()}. */
    public void pause() {
        world.checkThread();
        if (!up || paused) {
            return;
        }
        paused = true;
        pauseEpoch++;
        world.recordFault("pause", idHash);
    }

    /** Pauses for {@code ms} of virtual time, like a long GC or a SIGSTOP. */
    public void pause(long ms) {
        pause();
        long epoch = pauseEpoch;
        world.schedule(ms, () -> {
            if (pauseEpoch == epoch) {
                resume();
            }
        });
    }

    /** Runs the held events now, in their original order. */
    public void resume() {
        world.checkThread();
        if (!paused) {
            return;
        }
        paused = false;
        world.recordFault("resume", idHash);
        List<SimEvent> release = new ArrayList<>(held);
        held.clear();
        world.release(release);
    }

    void hold(SimEvent event) {
        held.add(event);
    }

    long idHash() {
        return idHash;
    }

    SimEndpoint endpoint() {
        return endpoint;
    }

    /** Disk operations charge their latency here; an offloaded task's completion is delayed by it. */
    void chargeLatencyNanos(long nanos) {
        chargedLatencyNanos += nanos;
    }

    long takeChargedLatencyNanos() {
        long n = chargedLatencyNanos;
        chargedLatencyNanos = 0;
        return n;
    }

    @Override
    public String toString() {
        return "SimNode[" + id + "#" + incarnation + (up ? "" : " down") + (paused ? " paused" : "") + "]";
    }
}
