package io.gantry.simulation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated world: owns virtual time, the event queue, the nodes, the network fabric and the
 * trace hash. Everything runs on the thread that created the world, one event at a time, in
 * (virtual time, sequence number) order, so a run is a pure function of the seed and the scenario.
 *
 * <p>Virtual time only moves when the next event is due: nothing ever sleeps, so an idle
 * simulated hour costs only the events in it.
 *
 * <p>Does not guarantee: fairness between nodes beyond event order; that code running inside an
 * event takes any virtual time (a task is instantaneous; only offloaded work and the network
 * take time).
 */
public final class SimWorld {

    private static final Logger log = LoggerFactory.getLogger(SimWorld.class);
    private static final int MAX_RECORDED_FAILURES = 100;
    /** Longest delay a timer may ask for; longer ones are bugs (or "never", which should be no timer). */
    static final long MAX_DELAY_MS = 365L * 24 * 3600 * 1000;
    /**
     * Default cap on steps (events run plus disk operations) over a world's whole life: far above
     * any scenario's needs (a store scenario takes tens of thousands), low enough that a runaway run
     * stops within a minute or two.
     */
    public static final long DEFAULT_STEP_BUDGET = 50_000_000L;
    /** The wall budget is checked every this many steps (reading the clock costs). */
    private static final long WALL_CHECK_EVERY_STEPS = 1_024;
    /** Wall budget for worlds created on this thread; 0 = none. Set by sweeps around each run. */
    private static final ThreadLocal<Long> THREAD_WALL_BUDGET_MS = ThreadLocal.withInitial(() -> 0L);

    private final SimConfig config;
    private final Thread owner;
    private final SimEventQueue queue = new SimEventQueue();
    private final TraceHash trace = new TraceHash();
    private final TreeMap<String, SimNode> nodes = new TreeMap<>();
    private final RandomGenerator random;
    private final SimNetwork network;
    private final List<Throwable> taskFailures = new ArrayList<>();

    private long nowNanos;
    private long nextSeq;
    private long eventCount;
    private long steps;
    private long stepBudget = DEFAULT_STEP_BUDGET;
    /** Real-time deadline (System.nanoTime), or 0 for none. */
    private final long wallDeadlineNanos;
    private boolean failOnTaskException = true;

    /** The event being run; null between events. */
    private SimEvent current;
    /** True while an offloaded task runs: the node's loop is then not the caller. */
    private boolean inOffload;

    public SimWorld(SimConfig config) {
        this.config = config;
        this.owner = Thread.currentThread();
        this.random = new SplittableRandom(TraceHash.deriveSeed(config.seed(), "world"));
        this.network = new SimNetwork(this);
        long wallBudgetMs = THREAD_WALL_BUDGET_MS.get();
        this.wallDeadlineNanos = wallBudgetMs <= 0 ? 0 : System.nanoTime() + wallBudgetMs * 1_000_000L;
    }

    /**
     * Sets the real-time budget of every world created afterwards on the calling thread (0: none).
     * A world past it throws {@link SimulationBudgetExceeded} of kind WALL. Sweeps set it so one
     * runaway seed cannot hang them; the verdict it gives is not deterministic.
     */
    public static void setThreadWallBudgetMs(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("wall budget must be >= 0 ms: " + ms);
        }
        THREAD_WALL_BUDGET_MS.set(ms);
    }

    /** Steps so far: events run plus disk operations. */
    public long steps() {
        return steps;
    }

    public long stepBudget() {
        return stepBudget;
    }

    /** Caps steps (events run plus disk operations) over the world's life; see {@link SimulationBudgetExceeded}. */
    public void setStepBudget(long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("step budget must be >= 1: " + budget);
        }
        this.stepBudget = budget;
    }

    /** Counts one step; throws once past either budget, and again at every later step. */
    void step() {
        step(1);
    }

    /**
     * Counts {@code units} steps: simulator bookkeeping that costs in proportion to the world's size
     * (a disk rescanning all its files) charges for it, so a run that grows the world without bound
     * still meets its budget.
     */
    void step(long units) {
        assert units >= 1 : "a step is at least one unit";
        long before = steps;
        steps += units;
        if (wallDeadlineNanos != 0 && before / WALL_CHECK_EVERY_STEPS != steps / WALL_CHECK_EVERY_STEPS
                && System.nanoTime() > wallDeadlineNanos) {
            throw new SimulationBudgetExceeded(SimulationBudgetExceeded.Kind.WALL, steps, nowMs(),
                    "wall budget exceeded after " + steps + " steps at virtual time " + nowMs()
                            + " ms (not a deterministic verdict: rerun the seed)");
        }
        if (steps > stepBudget) {
            throw new SimulationBudgetExceeded(SimulationBudgetExceeded.Kind.STEPS, steps, nowMs(),
                    "step budget of " + stepBudget + " (events + disk operations) exceeded at virtual time "
                            + nowMs() + " ms: a runaway run (a loop inside a task, or a retry storm)");
        }
    }

    public static SimWorld create(long seed) {
        return new SimWorld(SimConfig.defaults(seed));
    }

    public SimConfig config() {
        return config;
    }

    public long seed() {
        return config.seed();
    }

    /** Adds a node, up and running (incarnation 1), with an empty disk. Node ids are unique. */
    public SimNode addNode(String nodeId) {
        checkThread();
        if (nodes.containsKey(nodeId)) {
            throw new IllegalArgumentException("node already exists: " + nodeId);
        }
        SimNode node = new SimNode(this, nodeId);
        nodes.put(nodeId, node);
        node.restart();
        return node;
    }

    public SimNode node(String nodeId) {
        SimNode node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no such node: " + nodeId);
        }
        return node;
    }

    /** All nodes, sorted by id. */
    public List<SimNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public SimNetwork network() {
        return network;
    }

    /** Randomness for the scenario and nemesis, independent of the nodes' streams. */
    public RandomGenerator random() {
        return random;
    }

    public long nowNanos() {
        return nowNanos;
    }

    public long nowMs() {
        return nowNanos / 1_000_000L;
    }

    public long traceHash() {
        return trace.value();
    }

    /** Events run so far (dropped and cancelled ones excluded). */
    public long eventCount() {
        return eventCount;
    }

    /** Number of events waiting, including ones that will be dropped as stale. */
    public int pendingEventCount() {
        return queue.size();
    }

    /**
     * When true (the default) a node task that throws stops the run with a {@link SimulationException};
     * when false it is logged and recorded in {@link #taskFailures()} and the run goes on.
     */
    public void setFailOnTaskException(boolean fail) {
        this.failOnTaskException = fail;
    }

    /** Exceptions thrown by node tasks and callbacks (the first 100). */
    public List<Throwable> taskFailures() {
        return Collections.unmodifiableList(taskFailures);
    }

    /** Runs {@code action} as a world-level event (not on any node's loop) after {@code delayMs}. */
    public void schedule(long delayMs, Runnable action) {
        checkThread();
        checkDelayMs("delayMs", delayMs);
        enqueue(nowNanos + delayMs * 1_000_000L, null, 0, action);
    }

    /** Runs events until none is left. Periodic timers never let that happen: prefer {@link #runFor}. */
    public void runUntilIdle() {
        runLoop(Long.MAX_VALUE, null);
    }

    /** Runs every event due in the next {@code virtualMs}, then sets the time to that instant. */
    public void runFor(long virtualMs) {
        checkDelayMs("virtualMs", virtualMs);
        long deadline = nowNanos + virtualMs * 1_000_000L;
        runLoop(deadline, null);
        nowNanos = Math.max(nowNanos, deadline);
    }

    /**
     * Runs events until {@code condition} holds (checked before each event) or {@code maxVirtualMs}
     * pass. Returns whether the condition held; on timeout the time is set to the deadline.
     */
    public boolean runUntil(BooleanSupplier condition, long maxVirtualMs) {
        checkDelayMs("maxVirtualMs", maxVirtualMs);
        long deadline = nowNanos + maxVirtualMs * 1_000_000L;
        if (runLoop(deadline, condition)) {
            return true;
        }
        nowNanos = Math.max(nowNanos, deadline);
        return condition.getAsBoolean();
    }

    private boolean runLoop(long deadlineNanos, BooleanSupplier condition) {
        checkThread();
        if (current != null) {
            throw new IllegalStateException("run* called from inside an event");
        }
        long ran = 0;
        while (true) {
            if (condition != null && condition.getAsBoolean()) {
                return true;
            }
            SimEvent event = queue.peek();
            if (event == null || event.timeNanos > deadlineNanos) {
                return false;
            }
            queue.poll();
            if (runEvent(event)) {
                ran++;
                if (ran >= config.maxEventsPerRun()) {
                    throw new SimulationException("maxEventsPerRun (" + config.maxEventsPerRun()
                            + ") reached at virtual time " + nowNanos + " ns: a task may be rescheduling itself"
                            + " forever, or the run needs a higher SimConfig.maxEventsPerRun");
                }
            }
        }
    }

    /** Runs one event; returns false if it was dropped, held or cancelled. */
    private boolean runEvent(SimEvent event) {
        if (event.cancelled) {
            return false;
        }
        SimNode node = event.node;
        if (node != null) {
            if (!node.isUp() || node.incarnation() != event.incarnation) {
                return false;
            }
            if (node.isPaused()) {
                node.hold(event);
                return false;
            }
        }
        assert event.timeNanos >= nowNanos : "time went backwards";
        nowNanos = Math.max(nowNanos, event.timeNanos);
        step();
        eventCount++;
        trace.record(TraceKinds.TASK, node == null ? 0 : node.idHash(), nowNanos);
        current = event;
        try {
            event.action.run();
        } finally {
            current = null;
            inOffload = false;
        }
        return true;
    }

    /** Runs node code (a task, a callback) under the world's exception policy. */
    void runUserCode(SimNode node, Runnable code) {
        try {
            code.run();
        } catch (SimulationException | SimulationBudgetExceeded e) {
            throw e;
        } catch (Throwable t) {
            log.warn("task on node {} threw at virtual time {} ns", node.id(), nowNanos, t);
            if (taskFailures.size() < MAX_RECORDED_FAILURES) {
                taskFailures.add(t);
            }
            if (failOnTaskException) {
                throw new SimulationException("task on node " + node.id() + " threw at virtual time "
                        + nowNanos + " ns (setFailOnTaskException(false) to go on)", t);
            }
        }
    }

    SimEvent enqueue(long atNanos, SimNode node, long incarnation, Runnable action) {
        checkThread();
        if (atNanos < nowNanos) {
            throw new IllegalArgumentException("event in the past: " + atNanos + " < " + nowNanos);
        }
        SimEvent event = new SimEvent(atNanos, nextSeq++, node, incarnation, action);
        queue.add(event, nowNanos);
        return event;
    }

    /** Re-queues events a paused node held, at the current time, in their original order. */
    void release(List<SimEvent> held) {
        for (SimEvent e : held) {
            if (!e.cancelled) {
                enqueue(nowNanos, e.node, e.incarnation, e.action);
            }
        }
    }

    /** True while an event of this node incarnation runs on its loop (not in an offloaded task). */
    boolean isLoopOf(SimNode node, long incarnation) {
        return current != null && !inOffload && current.node == node && current.incarnation == incarnation;
    }

    /** True while the scenario acts: between runs, or in a world-level event (a nemesis action). */
    boolean isScenarioCalling() {
        return current == null || current.node == null;
    }

    void setInOffload(boolean value) {
        inOffload = value;
    }

    TraceHash trace() {
        return trace;
    }

    /** Records a fault injected by the scenario, so faults take part in the trace. */
    void recordFault(String what, long... fields) {
        trace.add(TraceKinds.FAULT);
        trace.add(what);
        for (long f : fields) {
            trace.add(f);
        }
    }

    static void checkDelayMs(String name, long delayMs) {
        if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
            throw new IllegalArgumentException(name + " must be in [0, " + MAX_DELAY_MS + "] ms: " + delayMs);
        }
    }

    void checkThread() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the simulation is single-threaded; called from "
                    + Thread.currentThread().getName() + ", owner is " + owner.getName());
        }
    }
}
