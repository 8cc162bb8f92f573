package io.gantry.simulation.choice;

import java.util.Objects;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Runs a {@link Property} over many generated cases and reports the first failure, shrunk.
 *
 * <p>Case {@code i} of a run with seed {@code s} draws from a {@link SplittableRandom} seeded from
 * {@code (s, i)} alone, so a run is reproducible from its seed, and cases do not depend on each
 * other. Unless a seed is set, a property's seed is derived from its name: stable across runs and
 * machines, different between properties. On the first failing case the runner {@linkplain
 * Shrinker shrinks} its choices and throws a {@link PropertyFailedError} naming the seed, the
 * case and the minimal choice sequence.
 *
 * <p>Typical use in a test:
 * <pre>{@code
 * PropertyRunner.fromSystemProperties().withCases(500).check("decode inverts encode", c -> {
 *     Frame frame = new Frame(c.intBetween(0, 400), c.bytes(1024));
 *     c.note("frame=" + frame);
 *     assertThat(decode(encode(frame))).isEqualTo(frame);
 * });
 * }</pre>
 *
 * <p>Immutable; configure with the {@code with...} methods. {@link #fromSystemProperties()} reads,
 * for reproducing a failure from the command line:
 * <ul>
 *   <li>{@value #SEED_PROPERTY}: the run seed (a signed decimal long) for every property;</li>
 *   <li>{@value #CASES_PROPERTY}: cases per property;</li>
 *   <li>{@value #MAX_SHRINKS_PROPERTY}: shrink attempts budget;</li>
 *   <li>{@value #MAX_DRAWS_PROPERTY}: draws allowed per case;</li>
 *   <li>{@value #REPLAY_PROPERTY}: a printed choice sequence; {@link #check} then runs only that case.</li>
 * </ul>
 *
 * <p>Not guaranteed: that the same seed gives the same cases after the property's code changes
 * how it draws.
 */
public final class PropertyRunner {

    public static final String SEED_PROPERTY = "gantry.prop.seed";
    public static final String CASES_PROPERTY = "gantry.prop.cases";
    public static final String MAX_SHRINKS_PROPERTY = "gantry.prop.maxShrinks";
    public static final String MAX_DRAWS_PROPERTY = "gantry.prop.maxDraws";
    public static final String REPLAY_PROPERTY = "gantry.prop.replay";

    public static final int DEFAULT_CASES = 100;
    /** A run gives up (and fails) once it has seen this many invalid cases per case asked for. */
    static final int MAX_INVALID_PER_CASE = 10;

    private final Long seed; // null: derive from the property name
    private final int cases;
    private final int maxShrinkAttempts;
    private final int maxDraws;
    private final ChoiceSequence replay; // null: generate cases

    private PropertyRunner(Long seed, int cases, int maxShrinkAttempts, int maxDraws, ChoiceSequence replay) {
        if (cases < 1) {
            throw new IllegalArgumentException("cases must be positive: " + cases);
        }
        if (maxShrinkAttempts < 0) {
            throw new IllegalArgumentException("maxShrinkAttempts must not be negative: " + maxShrinkAttempts);
        }
        if (maxDraws < 1) {
            throw new IllegalArgumentException("maxDraws must be positive: " + maxDraws);
        }
        this.seed = seed;
        this.cases = cases;
        this.maxShrinkAttempts = maxShrinkAttempts;
        this.maxDraws = maxDraws;
        this.replay = replay;
    }

    /** {@value #DEFAULT_CASES} cases, seed from the property name, default budgets; ignores system properties. */
    public static PropertyRunner defaults() {
        return new PropertyRunner(null, DEFAULT_CASES, Shrinker.DEFAULT_MAX_ATTEMPTS, Choices.DEFAULT_MAX_DRAWS, null);
    }

    /** The defaults, overridden by the {@code gantry.prop.*} system properties that are set. */
    public static PropertyRunner fromSystemProperties() {
        return fromProperties(System.getProperties());
    }

    /** The defaults, overridden by the {@code gantry.prop.*} entries of {@code properties}. */
    public static PropertyRunner fromProperties(Properties properties) {
        PropertyRunner runner = defaults();
        String seedText = properties.getProperty(SEED_PROPERTY);
        if (seedText != null && !seedText.isBlank()) {
            runner = runner.withSeed(parseLong(SEED_PROPERTY, seedText));
        }
        String casesText = properties.getProperty(CASES_PROPERTY);
        if (casesText != null && !casesText.isBlank()) {
            runner = runner.withCases((int) parseLong(CASES_PROPERTY, casesText));
        }
        String shrinksText = properties.getProperty(MAX_SHRINKS_PROPERTY);
        if (shrinksText != null && !shrinksText.isBlank()) {
            runner = runner.withMaxShrinkAttempts((int) parseLong(MAX_SHRINKS_PROPERTY, shrinksText));
        }
        String drawsText = properties.getProperty(MAX_DRAWS_PROPERTY);
        if (drawsText != null && !drawsText.isBlank()) {
            runner = runner.withMaxDraws((int) parseLong(MAX_DRAWS_PROPERTY, drawsText));
        }
        String replayText = properties.getProperty(REPLAY_PROPERTY);
        if (replayText != null) {
            runner = runner.withReplay(ChoiceSequence.parse(replayText));
        }
        return runner;
    }

    public PropertyRunner withSeed(long newSeed) {
        return new PropertyRunner(newSeed, cases, maxShrinkAttempts, maxDraws, replay);
    }

    public PropertyRunner withCases(int newCases) {
        return new PropertyRunner(seed, newCases, maxShrinkAttempts, maxDraws, replay);
    }

    public PropertyRunner withMaxShrinkAttempts(int newMaxShrinkAttempts) {
        return new PropertyRunner(seed, cases, newMaxShrinkAttempts, maxDraws, replay);
    }

    public PropertyRunner withMaxDraws(int newMaxDraws) {
        return new PropertyRunner(seed, cases, maxShrinkAttempts, newMaxDraws, replay);
    }

    /** Makes {@link #check} run only {@code sequence} (no generation) and report it if it fails. */
    public PropertyRunner withReplay(ChoiceSequence sequence) {
        return new PropertyRunner(seed, cases, maxShrinkAttempts, maxDraws, Objects.requireNonNull(sequence));
    }

    public int cases() {
        return cases;
    }

    public int maxShrinkAttempts() {
        return maxShrinkAttempts;
    }

    public int maxDraws() {
        return maxDraws;
    }

    /** The run seed used for a property of this name: the configured seed, or one derived from the name. */
    public long seedFor(String propertyName) {
        return seed != null ? seed : Seeds.ofName(propertyName);
    }

    /**
     * What a successful {@link #check} did.
     *
     * @param propertyName the name checked
     * @param seed         the run seed
     * @param casesPassed  cases that passed ({@link #cases()} unless replaying)
     * @param casesInvalid cases rejected by assumptions or the draw limit
     */
    public record Summary(String propertyName, long seed, int casesPassed, int casesInvalid) {
    }

    /**
     * Runs {@code property} until {@link #cases()} cases passed, or replays the configured
     * sequence only. Returns quietly if nothing failed.
     *
     * @throws PropertyFailedError on the first failing case, after shrinking it
     * @throws AssertionError      if too many cases were invalid to reach {@link #cases()} valid ones
     */
    public Summary check(String propertyName, Property property) {
        Objects.requireNonNull(propertyName, "propertyName");
        Objects.requireNonNull(property, "property");
        long runSeed = seedFor(propertyName);
        if (replay != null) {
            CaseOutcome outcome = replay(replay, property);
            if (outcome.failed()) {
                throw new PropertyFailedError(propertyName, runSeed, -1, outcome, shrink(property, outcome));
            }
            return new Summary(propertyName, runSeed, outcome.passed() ? 1 : 0, outcome.passed() ? 0 : 1);
        }
        int passed = 0;
        int invalid = 0;
        for (int caseIndex = 0; passed < cases; caseIndex++) {
            if (invalid > cases * MAX_INVALID_PER_CASE) {
                throw new AssertionError("Property '" + propertyName + "' (seed " + runSeed + "): only " + passed
                        + " of " + cases + " cases were valid; " + invalid + " were rejected by assumptions or the "
                        + maxDraws + "-draw limit");
            }
            CaseOutcome outcome = generate(runSeed, caseIndex, property);
            switch (outcome.status()) {
                case PASSED -> passed++;
                case INVALID -> invalid++;
                case FAILED -> throw new PropertyFailedError(
                        propertyName, runSeed, caseIndex, outcome, shrink(property, outcome));
                default -> throw new AssertionError(outcome.status());
            }
        }
        return new Summary(propertyName, runSeed, passed, invalid);
    }

    /** Runs case {@code caseIndex} of a run with seed {@code runSeed}, without shrinking. */
    public CaseOutcome generate(long runSeed, int caseIndex, Property property) {
        SplittableRandom random = new SplittableRandom(Seeds.forCase(runSeed, caseIndex));
        return CaseOutcome.run(property, Choices.generating(random, maxDraws));
    }

    /** Runs {@code property} once on a printed choice sequence (as in a failure report). */
    public CaseOutcome replay(String printedSequence, Property property) {
        return replay(ChoiceSequence.parse(printedSequence), property);
    }

    /** Runs {@code property} once on {@code sequence}. */
    public CaseOutcome replay(ChoiceSequence sequence, Property property) {
        return CaseOutcome.run(property, Choices.replaying(sequence, maxDraws));
    }

    /** Shrinks a failing outcome of {@code property} within this runner's budgets. */
    public Shrinker.Result shrink(Property property, CaseOutcome failing) {
        return Shrinker.forProperty(property, maxDraws, maxShrinkAttempts).shrink(failing);
    }

    private static long parseLong(String key, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + key + " is not a decimal number: '" + text + "'", e);
        }
    }
}
