package io.gantry.simulation;

/** The simulation itself failed: a safety limit was hit, or a node task threw and the world is strict. */
public final class SimulationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulationException(String message) {
        super(message);
    }

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
