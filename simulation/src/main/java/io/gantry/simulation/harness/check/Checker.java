package io.gantry.simulation.harness.check;

import io.gantry.simulation.harness.HistoryEntry;

/**
 * A named check over a run's history. {@link #observe} sees each entry as it is recorded (for cheap
 * invariants checked as the run goes); {@link #finish} gives the verdict at the end. One instance
 * per run: checkers keep per-run state.
 */
public interface Checker {

    String name();

    default void observe(HistoryEntry entry) {
    }

    CheckResult finish(CheckInput input, PutIndex index);
}
