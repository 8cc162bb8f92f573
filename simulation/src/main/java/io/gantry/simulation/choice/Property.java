package io.gantry.simulation.choice;

/**
 * A claim checked on inputs drawn from {@link Choices}. It fails by throwing anything (an
 * assertion error, an exception from the code under test). It must make every decision through
 * the given {@code Choices} and use no other randomness, clock or shared mutable state, so that
 * replaying a choice sequence re-runs exactly the same case.
 */
@FunctionalInterface
public interface Property {

    /** Runs one case, drawing its inputs from {@code choices}; throws if the claim does not hold. */
    void check(Choices choices) throws Exception;
}
