package io.gantry.simulation.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PropertyRunnerTest {

    private static final int LIMIT = 1_000;

    /** A list of up to 50 ints in [0, 10000]: one yes/no choice then one value per element. */
    private static List<Integer> drawList(Choices c) {
        return c.listOf(0, 50, x -> x.intBetween(0, 10_000));
    }

    /** The planted bug: claims every list sums below 1000. */
    private static final Property SUM_BELOW_LIMIT = c -> {
        List<Integer> list = drawList(c);
        c.note("list=" + list);
        long sum = list.stream().mapToLong(Integer::longValue).sum();
        if (sum >= LIMIT) {
            throw new AssertionError("sum " + sum + " of " + list);
        }
    };

    @Test
    void findsThePlantedBugAndShrinksItToOneElementOfExactlyTheLimit() {
        for (long seed = 0; seed < 20; seed++) {
            PropertyRunner runner = PropertyRunner.defaults().withSeed(seed);

            PropertyFailedError error = catchThrowableOfType(PropertyFailedError.class,
                    () -> runner.check("sum below limit", SUM_BELOW_LIMIT));

            assertThat(error).as("seed %d", seed).isNotNull();
            // One "more" choice, then the element's offset from 0; the closing "stop" is implied.
            assertThat(error.minimalChoices()).as("seed %d", seed).isEqualTo(ChoiceSequence.of(1, LIMIT));
            assertThat(error.minimalNotes()).containsExactly("list=[" + LIMIT + "]");
            assertThat(error.originalChoices().size()).isGreaterThanOrEqualTo(error.minimalChoices().size());
        }
    }

    @Test
    void failureReportNamesSeedCaseAndMinimalChoicesAndKeepsTheOriginalFailure() {
        PropertyRunner runner = PropertyRunner.defaults().withSeed(42);

        PropertyFailedError error = catchThrowableOfType(PropertyFailedError.class,
                () -> runner.check("sum below limit", SUM_BELOW_LIMIT));

        assertThat(error.seed()).isEqualTo(42);
        assertThat(error.caseIndex()).isGreaterThanOrEqualTo(0);
        assertThat(error.getMessage())
                .contains("'sum below limit'")
                .contains("case " + error.caseIndex())
                .contains("seed 42")
                .contains(": 1," + LIMIT + "\n")
                .contains("-Dgantry.prop.seed=42")
                .contains("-Dgantry.prop.replay=1," + LIMIT);
        assertThat(error.getCause()).isInstanceOf(AssertionError.class).hasMessageStartingWith("sum ");
        assertThat(error.getSuppressed()).singleElement().satisfies(minimal ->
                assertThat(minimal).hasMessage("sum " + LIMIT + " of [" + LIMIT + "]"));

        // The same seed finds the same case again, and the failing case index regenerates it.
        CaseOutcome regenerated = runner.generate(42, error.caseIndex(), SUM_BELOW_LIMIT);
        assertThat(regenerated.failed()).isTrue();
        assertThat(regenerated.choices()).isEqualTo(error.originalChoices());
    }

    @Test
    void replayingThePrintedMinimalSequenceReproducesTheFailure() {
        PropertyFailedError error = catchThrowableOfType(PropertyFailedError.class,
                () -> PropertyRunner.defaults().check("sum below limit", SUM_BELOW_LIMIT));
        String printed = error.minimalChoices().toString();

        CaseOutcome outcome = PropertyRunner.defaults().replay(printed, SUM_BELOW_LIMIT);

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.failure()).isInstanceOf(AssertionError.class)
                .hasMessage("sum " + LIMIT + " of [" + LIMIT + "]");
        assertThat(outcome.choices()).isEqualTo(error.minimalChoices());
    }

    @Test
    void replayConfiguredLikeOnTheCommandLineRunsOnlyThatCase() {
        Properties props = new Properties();
        props.setProperty(PropertyRunner.REPLAY_PROPERTY, "1,1500");
        PropertyRunner runner = PropertyRunner.fromProperties(props);
        AtomicInteger runs = new AtomicInteger();

        PropertyFailedError error = catchThrowableOfType(PropertyFailedError.class, () -> runner.check("replayed", c -> {
            runs.incrementAndGet();
            SUM_BELOW_LIMIT.check(c);
        }));

        assertThat(error.caseIndex()).isEqualTo(-1);
        assertThat(error.originalChoices()).isEqualTo(ChoiceSequence.of(1, 1500));
        assertThat(error.minimalChoices()).isEqualTo(ChoiceSequence.of(1, LIMIT));
        assertThat(runs.get()).as("one replay plus the shrink attempts").isEqualTo(1 + error.shrinkAttempts());
    }

    @Test
    void passingPropertyRunsTheRequestedNumberOfCases() {
        AtomicInteger runs = new AtomicInteger();
        PropertyRunner runner = PropertyRunner.defaults().withCases(250);

        PropertyRunner.Summary summary = runner.check("sum is never negative", c -> {
            runs.incrementAndGet();
            assertThat(drawList(c).stream().mapToLong(Integer::longValue).sum()).isNotNegative();
        });

        assertThat(summary.casesPassed()).isEqualTo(250);
        assertThat(summary.casesInvalid()).isZero();
        assertThat(runs.get()).isEqualTo(250);
    }

    @Test
    void sameSeedGeneratesTheSameCasesAndAnotherSeedOthers() {
        List<List<Integer>> first = generatedLists(PropertyRunner.defaults().withSeed(7));
        List<List<Integer>> again = generatedLists(PropertyRunner.defaults().withSeed(7));
        List<List<Integer>> other = generatedLists(PropertyRunner.defaults().withSeed(8));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).hasSize(30).anySatisfy(list -> assertThat(list).hasSizeGreaterThan(3));
    }

    @Test
    void seedComesFromTheNameUnlessSet() {
        PropertyRunner runner = PropertyRunner.defaults();

        assertThat(runner.seedFor("a")).isEqualTo(PropertyRunner.defaults().seedFor("a"));
        assertThat(runner.seedFor("a")).isNotEqualTo(runner.seedFor("b"));
        assertThat(runner.withSeed(5).seedFor("a")).isEqualTo(5);
    }

    @Test
    void systemStylePropertiesConfigureTheRunner() {
        Properties props = new Properties();
        props.setProperty(PropertyRunner.SEED_PROPERTY, "-12");
        props.setProperty(PropertyRunner.CASES_PROPERTY, "17");
        props.setProperty(PropertyRunner.MAX_SHRINKS_PROPERTY, "33");
        props.setProperty(PropertyRunner.MAX_DRAWS_PROPERTY, "44");

        PropertyRunner runner = PropertyRunner.fromProperties(props);

        assertThat(runner.seedFor("anything")).isEqualTo(-12);
        assertThat(runner.cases()).isEqualTo(17);
        assertThat(runner.maxShrinkAttempts()).isEqualTo(33);
        assertThat(runner.maxDraws()).isEqualTo(44);
        props.setProperty(PropertyRunner.CASES_PROPERTY, "many");
        assertThatThrownBy(() -> PropertyRunner.fromProperties(props))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gantry.prop.cases");
    }

    @Test
    void shrinkingKeepsTheOriginalKindOfFailure() {
        // Fails with AssertionError on a big sum, but with IllegalStateException on an empty list,
        // which is simpler: the shrinker must not slip from one bug to the other.
        Property twoBugs = c -> {
            List<Integer> list = drawList(c);
            if (list.isEmpty()) {
                throw new IllegalStateException("empty");
            }
            SUM_BELOW_LIMIT.check(Choices.replaying(c.recorded()));
        };
        PropertyRunner runner = PropertyRunner.defaults().withSeed(3);
        CaseOutcome failing = firstFailureOfClass(runner, twoBugs, AssertionError.class);

        Shrinker.Result result = runner.shrink(twoBugs, failing);

        assertThat(result.minimal().failure()).isInstanceOf(AssertionError.class);
        assertThat(result.minimal().choices()).isEqualTo(ChoiceSequence.of(1, LIMIT));
    }

    @Test
    void shrinksPairsAndStringsToTheirSimplestCounterexample() {
        PropertyFailedError pair = catchThrowableOfType(PropertyFailedError.class,
                () -> PropertyRunner.defaults().check("x + y below 100", c -> {
                    int x = c.intBetween(0, 1_000);
                    int y = c.intBetween(0, 1_000);
                    assertThat(x + y).isLessThan(100);
                }));
        // Shortlex prefers the shorter sequence: x = 100 with y = 0 implied beats x = 0, y = 100.
        assertThat(pair.minimalChoices()).isEqualTo(ChoiceSequence.of(100));

        PropertyFailedError text = catchThrowableOfType(PropertyFailedError.class,
                () -> PropertyRunner.defaults().check("no 'ba' in strings", c -> {
                    String s = c.string(20, "abc");
                    c.note("s=" + s);
                    assertThat(s).doesNotContain("ba");
                }));
        assertThat(text.minimalNotes()).containsExactly("s=ba");
    }

    @Test
    void invalidCasesAreSkippedButTooManyFailTheRun() {
        PropertyRunner.Summary summary = PropertyRunner.defaults().withCases(50).check("even only", c -> {
            int n = c.intBetween(0, 100);
            c.assume(n % 2 == 0);
            assertThat(n % 2).isZero();
        });
        assertThat(summary.casesPassed()).isEqualTo(50);
        assertThat(summary.casesInvalid()).isPositive();

        assertThatThrownBy(() -> PropertyRunner.defaults().withCases(5).check("never valid", c -> c.assume(false)))
                .isInstanceOf(AssertionError.class)
                .isNotInstanceOf(PropertyFailedError.class)
                .hasMessageContaining("only 0 of 5 cases were valid");
    }

    @Test
    void shrinkBudgetIsRespected() {
        PropertyFailedError error = catchThrowableOfType(PropertyFailedError.class,
                () -> PropertyRunner.defaults().withSeed(1).withMaxShrinkAttempts(3).check("sum", SUM_BELOW_LIMIT));

        assertThat(error.shrinkAttempts()).isLessThanOrEqualTo(3);
        assertThat(PropertyRunner.defaults().replay(error.minimalChoices(), SUM_BELOW_LIMIT).failed()).isTrue();
    }

    private static List<List<Integer>> generatedLists(PropertyRunner runner) {
        List<List<Integer>> lists = new ArrayList<>();
        runner.withCases(30).check("record lists", c -> lists.add(drawList(c)));
        return lists;
    }

    private static CaseOutcome firstFailureOfClass(PropertyRunner runner, Property property, Class<?> type) {
        long seed = runner.seedFor("two bugs");
        for (int i = 0; i < 1_000; i++) {
            CaseOutcome outcome = runner.generate(seed, i, property);
            if (outcome.failed() && type.isInstance(outcome.failure())) {
                return outcome;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 1000 cases");
    }
}
