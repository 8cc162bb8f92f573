package io.gantry.simulation.harness;

/**
 * A named simulation: it builds a world, runs a workload under a fault schedule, heals, drains and
 * checks. A run is a pure function of its {@link FaultSchedule} (which carries the seed); the seed
 * alone draws the schedule. Implementations keep no state between runs and may run on any thread
 * (each run on one thread).
 */
public interface Scenario {

    String name();

    String description();

    /** True when {@link #run(FaultSchedule)} accepts an explicit schedule (replay and shrinking). */
    boolean supportsSchedules();

    /**
     * True when a run honours {@link FaultSchedule#droppedOps()} (leaves those workload operations
     * out), so the shrinker may drop operations. Default false: the shrinker then only lowers
     * {@code maxOps}.
     */
    default boolean supportsDroppingOps() {
        return false;
    }

    /** The schedule this seed draws. Scenarios without schedules return an empty one. */
    FaultSchedule schedule(long seed);

    /** Runs under an explicit schedule. */
    RunResult run(FaultSchedule schedule);

    /** Runs the seed's own schedule. */
    default RunResult run(long seed) {
        return run(schedule(seed));
    }
}
