package io.gantry.simulation.choice;

/**
 * Thrown by {@link Choices} when a test case is not a usable input: an {@link
 * Choices#assume(boolean) assumption} did not hold, or the case drew more choices than its limit.
 * Runners count such a case as neither passed nor failed, and the shrinker never keeps one.
 *
 * <p>Property code should let it propagate. It has no stack trace, since it is control flow.
 */
public final class InvalidCaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidCaseException(String reason) {
        super(reason, null, false, false);
    }
}
