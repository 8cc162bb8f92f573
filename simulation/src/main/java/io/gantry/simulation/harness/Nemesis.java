package io.gantry.simulation.harness;

import io.gantry.simulation.SimWorld;

/**
 * Applies {@link FaultEvent}s to a world, as world-level events, and heals everything at the end.
 * Each scenario family has its own (the store nemesis knows how to restart a store; a broker
 * nemesis will know partitions and brokers). Applied faults go into the run's {@link History}.
 */
public interface Nemesis {

    /** Applies one fault now. A fault that cannot apply (its node is down) is skipped and not recorded. */
    void apply(FaultEvent event);

    /** Ends every fault: disk faults cleared, capacity restored, nodes resumed and restarted. */
    void healAll();

    /** Schedules every event of {@code schedule}, relative to {@code startMs} (virtual). */
    static void scheduleAll(SimWorld world, FaultSchedule schedule, Nemesis nemesis) {
        for (FaultEvent e : schedule.events()) {
            if (e.atMs() < schedule.faultPhaseMs()) {
                world.schedule(e.atMs(), () -> nemesis.apply(e));
            }
        }
    }
}
