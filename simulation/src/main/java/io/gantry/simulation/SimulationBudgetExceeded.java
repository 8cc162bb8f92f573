package io.gantry.simulation;

/**
 * A run used more than its budget: more steps (events run plus disk operations) than
 * {@link SimWorld#stepBudget()}, or, as a last resort, more real time than its wall budget. A runaway
 * run (a loop inside one task, a retry storm) then ends with a verdict and its seed instead of
 * hanging a sweep.
 *
 * <p>An {@link Error}, not an exception, so node code that catches {@code Exception} to keep serving
 * cannot swallow it; and the world throws it again at every later step, so even a swallowed one
 * surfaces at the next event. The step verdict is deterministic (same seed, same step); the wall
 * verdict is not, and says so in {@link #kind()}.
 */
public final class SimulationBudgetExceeded extends Error {
    private static final long serialVersionUID = 1L;

    /** Which budget ran out. */
    public enum Kind {
        /** Deterministic: events plus disk operations. */
        STEPS,
        /** Real time: a backstop for code that loops without stepping; not reproducible. */
        WALL
    }

    private final Kind kind;
    private final long steps;
    private final long virtualMs;

    public SimulationBudgetExceeded(Kind kind, long steps, long virtualMs, String message) {
        super(message);
        this.kind = kind;
        this.steps = steps;
        this.virtualMs = virtualMs;
    }

    public Kind kind() {
        return kind;
    }

    /** Steps run when the budget ran out. */
    public long steps() {
        return steps;
    }

    /** Virtual time when the budget ran out. */
    public long virtualMs() {
        return virtualMs;
    }
}
