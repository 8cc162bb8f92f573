package io.gantry.simulation.choice;

import java.util.List;

/**
 * Reports a property that failed: which case of which seed, and the minimal choice sequence the
 * shrinker found, printed so it can be replayed ({@link PropertyRunner#replay(String, Property)}
 * or {@code -Dgantry.prop.replay=...}). Its cause is the original failure; the failure of the
 * minimal case, if it is a different throwable, is attached as suppressed.
 */
public final class PropertyFailedError extends AssertionError {

    private static final long serialVersionUID = 1L;
    private static final int MAX_FAILURE_SUMMARY_CHARS = 500;

    private final String propertyName;
    private final long seed;
    private final int caseIndex;
    private final transient ChoiceSequence originalChoices;
    private final transient ChoiceSequence minimalChoices;
    private final transient List<String> minimalNotes;
    private final int shrinkAttempts;

    PropertyFailedError(String propertyName, long seed, int caseIndex, CaseOutcome original, Shrinker.Result shrunk) {
        super(message(propertyName, seed, caseIndex, original, shrunk), original.failure());
        this.propertyName = propertyName;
        this.seed = seed;
        this.caseIndex = caseIndex;
        this.originalChoices = original.choices();
        this.minimalChoices = shrunk.minimal().choices();
        this.minimalNotes = shrunk.minimal().notes();
        this.shrinkAttempts = shrunk.attempts();
        Throwable minimalFailure = shrunk.minimal().failure();
        if (minimalFailure != original.failure()) {
            addSuppressed(minimalFailure);
        }
    }

    public String propertyName() {
        return propertyName;
    }

    /** The run's seed; {@code -Dgantry.prop.seed=<it>} regenerates the same cases. */
    public long seed() {
        return seed;
    }

    /** Index of the failing generated case, or -1 if the failing case was a replayed sequence. */
    public int caseIndex() {
        return caseIndex;
    }

    /** The choices of the failing case as generated. */
    public ChoiceSequence originalChoices() {
        return originalChoices;
    }

    /** The simplest failing choices found; replaying them reproduces the failure. */
    public ChoiceSequence minimalChoices() {
        return minimalChoices;
    }

    /** The notes the minimal case attached. */
    public List<String> minimalNotes() {
        return minimalNotes;
    }

    public int shrinkAttempts() {
        return shrinkAttempts;
    }

    private static String message(
            String name, long seed, int caseIndex, CaseOutcome original, Shrinker.Result shrunk) {
        CaseOutcome minimal = shrunk.minimal();
        StringBuilder out = new StringBuilder();
        out.append("Property '").append(name).append("' failed on ")
                .append(caseIndex >= 0 ? "case " + caseIndex : "the replayed choices")
                .append(" (seed ").append(seed).append(").\n");
        out.append("Minimal failing choices (").append(original.choices().size()).append(" -> ")
                .append(minimal.choices().size()).append(" entries after ").append(shrunk.attempts())
                .append(" shrink attempts").append(shrunk.attemptsExhausted() ? ", budget exhausted" : "")
                .append("): ").append(minimal.choices()).append('\n');
        if (!minimal.notes().isEmpty()) {
            out.append("Notes of the minimal case:\n");
            for (String note : minimal.notes()) {
                out.append("  ").append(note).append('\n');
            }
        }
        out.append("Minimal case failed with: ").append(summary(minimal.failure())).append('\n');
        out.append("Reproduce: -D").append(PropertyRunner.SEED_PROPERTY).append('=').append(seed)
                .append(", or replay the minimal case: -D").append(PropertyRunner.REPLAY_PROPERTY).append('=')
                .append(minimal.choices()).append(" (PropertyRunner.replay(\"").append(minimal.choices())
                .append("\", property)).");
        return out.toString();
    }

    private static String summary(Throwable failure) {
        String text = failure.toString();
        return text.length() <= MAX_FAILURE_SUMMARY_CHARS ? text : text.substring(0, MAX_FAILURE_SUMMARY_CHARS) + "...";
    }
}
