/**
 * Gantry's own property-testing engine: a seeded choice-sequence generator and shrinker in the
 * style of Hypothesis, with no dependency on any test framework.
 *
 * <p>Test or simulation code draws every decision it makes from a {@link
 * io.gantry.simulation.choice.Choices}. Each draw is recorded as one unsigned offset from the
 * draw's simplest value, so a whole test case is a {@link io.gantry.simulation.choice.ChoiceSequence}
 * of longs. Replaying a sequence re-makes the same decisions; a shorter or smaller sequence is
 * always still a valid input (values are clamped, and draws past its end get their simplest
 * value), which is what lets the {@link io.gantry.simulation.choice.Shrinker} shrink any failure
 * by editing longs, without knowing what they mean.
 *
 * <p>{@link io.gantry.simulation.choice.PropertyRunner} runs a {@link
 * io.gantry.simulation.choice.Property} over many cases from one seed, shrinks the first failure
 * and reports it as a {@link io.gantry.simulation.choice.PropertyFailedError} that carries the seed
 * and the minimal sequence to replay. The simulation uses the same pieces to shrink fault schedules.
 *
 * <p>Everything here is deterministic: randomness comes only from seeded {@link
 * java.util.SplittableRandom}s, and nothing reads the clock.
 */
package io.gantry.simulation.choice;
