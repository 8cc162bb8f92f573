package io.gantry.simulation.choice;

import java.util.List;
import java.util.Objects;

/**
 * What happened when a property ran on one case.
 *
 * @param status  passed, invalid (an assumption or the draw limit rejected the input) or failed
 * @param choices the choices the case actually used (clamped, without trailing zeros); replaying
 *                them re-runs the same case
 * @param failure what the property threw; {@code null} unless {@code status} is {@link Status#FAILED}
 * @param notes   the lines the case {@linkplain Choices#note(String) noted}
 */
public record CaseOutcome(Status status, ChoiceSequence choices, Throwable failure, List<String> notes) {

    /** How a case ended. */
    public enum Status { PASSED, INVALID, FAILED }

    public CaseOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(choices, "choices");
        notes = List.copyOf(notes);
        if ((status == Status.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failure belongs to, and only to, a FAILED outcome");
        }
    }

    /** Runs {@code property} once on {@code choices} and records how it ended. Catches any throwable. */
    public static CaseOutcome run(Property property, Choices choices) {
        try {
            property.check(choices);
            return new CaseOutcome(Status.PASSED, choices.recorded(), null, choices.notes());
        } catch (InvalidCaseException invalid) {
            return new CaseOutcome(Status.INVALID, choices.recorded(), null, choices.notes());
        } catch (Throwable failure) { // any throwable is a counterexample, errors included
            return new CaseOutcome(Status.FAILED, choices.recorded(), failure, choices.notes());
        }
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
