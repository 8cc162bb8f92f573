package io.gantry.simulation.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The one source of decisions for a test case. Every draw is recorded as an unsigned offset from
 * its simplest value (the minimum, {@code false}, "stop", the first option), so the case can be
 * replayed from its {@link #recorded() choice sequence} and shrunk by editing that sequence.
 *
 * <p>Two modes:
 * <ul>
 *   <li>{@linkplain #generating(RandomGenerator) generating}: offsets come from a seeded random
 *       generator (with a bias towards the ends of each range, where bugs live);</li>
 *   <li>{@linkplain #replaying(ChoiceSequence) replaying}: offsets come from a given sequence. An
 *       offset larger than the draw's range is clamped to the range's top, and once the sequence
 *       is exhausted every draw gets its simplest value. So <em>any</em> sequence, however it was
 *       edited, is a valid input: that is what makes shrinking by deleting, zeroing and lowering
 *       entries safe.</li>
 * </ul>
 *
 * <p>Draws with nothing to choose (a one-value range, a probability of exactly 0 or 1, a loop at
 * its bounds) record nothing and consume no randomness.
 *
 * <p>Not thread-safe: one case, one thread. Not guaranteed: that the generated distribution is
 * uniform (it is deliberately skewed to range ends), or that a sequence recorded by one version of
 * a property means the same thing to a later version that draws differently.
 */
public final class Choices {

    /** The default limit on draws per case; a case that draws more is {@linkplain InvalidCaseException invalid}. */
    public static final int DEFAULT_MAX_DRAWS = 10_000;

    /** Notes kept per case; later ones are dropped. */
    static final int MAX_NOTES = 100;
    /** Characters kept per note. */
    static final int MAX_NOTE_CHARS = 2_000;
    /** Size above the minimum that {@link #many(int, int)} aims for on average, at most. */
    static final int DEFAULT_AVERAGE_EXTRA_SIZE_CAP = 16;
    /** When generating, one draw in this many takes the range's minimum, and one its maximum. */
    private static final int EDGE_BIAS_ONE_IN = 16;

    private final RandomGenerator random;
    private final ChoiceSequence replayed;
    private final int maxDraws;
    private long[] recorded = new long[16];
    private int drawCount;
    private final List<String> notes = new ArrayList<>();

    private Choices(RandomGenerator random, ChoiceSequence replayed, int maxDraws) {
        if (maxDraws < 1) {
            throw new IllegalArgumentException("maxDraws must be positive: " + maxDraws);
        }
        this.random = random;
        this.replayed = replayed;
        this.maxDraws = maxDraws;
    }

    /** Draws from {@code random}, at most {@link #DEFAULT_MAX_DRAWS} times. */
    public static Choices generating(RandomGenerator random) {
        return generating(random, DEFAULT_MAX_DRAWS);
    }

    /** Draws from {@code random}, at most {@code maxDraws} times. */
    public static Choices generating(RandomGenerator random, int maxDraws) {
        return new Choices(Objects.requireNonNull(random, "random"), null, maxDraws);
    }

    /** Replays {@code sequence}, at most {@link #DEFAULT_MAX_DRAWS} draws. */
    public static Choices replaying(ChoiceSequence sequence) {
        return replaying(sequence, DEFAULT_MAX_DRAWS);
    }

    /** Replays {@code sequence} (clamping, then simplest values past its end), at most {@code maxDraws} draws. */
    public static Choices replaying(ChoiceSequence sequence, int maxDraws) {
        return new Choices(null, Objects.requireNonNull(sequence, "sequence"), maxDraws);
    }

    // ---------------------------------------------------------------- draws

    /** A long in {@code [min, max]}; shrinks towards {@code min}. */
    public long longBetween(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        long span = max - min; // unsigned; wraps correctly even for the full long range
        if (span == 0) {
            return min;
        }
        return min + draw(span, Choices::edgeBiased);
    }

    /** An int in {@code [min, max]}; shrinks towards {@code min}. */
    public int intBetween(int min, int max) {
        return (int) longBetween(min, max);
    }

    /** A fair coin; shrinks towards {@code false}. */
    public boolean bool() {
        return draw(1, Choices::uniform) == 1;
    }

    /**
     * {@code true} with probability {@code probability} when generating; shrinks towards {@code
     * false}. Probabilities 0 and 1 are certain and draw nothing.
     */
    public boolean chance(double probability) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("not a probability: " + probability);
        }
        if (probability == 0.0) {
            return false;
        }
        if (probability == 1.0) {
            return true;
        }
        return draw(1, (r, span) -> r.nextDouble() < probability ? 1 : 0) == 1;
    }

    /** One of {@code options}; shrinks towards the first. */
    public <T> T pick(List<T> options) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException("nothing to pick from");
        }
        return options.get(intBetween(0, options.size() - 1));
    }

    /** One constant of {@code type}; shrinks towards the first declared. */
    public <E extends Enum<E>> E pick(Class<E> type) {
        return pick(Arrays.asList(type.getEnumConstants()));
    }

    /**
     * An index into {@code weights}, chosen with probability proportional to its weight when
     * generating; shrinks towards the lowest index with a positive weight. A zero-weight index is
     * never returned, not even when replaying an edited sequence: the recorded entry is the rank
     * among positive-weight indices. Only one positive weight means nothing to choose (no draw).
     */
    public int weighted(int... weights) {
        long total = 0;
        int positive = 0;
        for (int w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("negative weight in " + Arrays.toString(weights));
            }
            total += w;
            positive += w > 0 ? 1 : 0;
        }
        if (total == 0) {
            throw new IllegalArgumentException("no positive weight in " + Arrays.toString(weights));
        }
        // The recorded offset is a rank among the positive-weight indices, so that no sequence,
        // however edited, can reach a zero-weight index, and offset 0 is the first allowed one.
        final long sum = total;
        long rank = positive == 1 ? 0 : draw(positive - 1, (r, span) -> rankOfPoint(weights, r.nextLong(sum)));
        return indexOfRank(weights, (int) rank);
    }

    /** Bytes, at most {@code maxLength} of them; shrinks towards fewer, then smaller (unsigned) bytes. */
    public byte[] bytes(int maxLength) {
        Many more = many(0, maxLength);
        byte[] out = new byte[Math.min(maxLength, 16)];
        int length = 0;
        while (more.more()) {
            if (length == out.length) {
                out = Arrays.copyOf(out, Math.min(maxLength, out.length * 2));
            }
            out[length++] = (byte) longBetween(0, 255);
        }
        return Arrays.copyOf(out, length);
    }

    /**
     * A string of at most {@code maxLength} characters from {@code alphabet}; shrinks towards
     * shorter strings of the alphabet's first characters.
     */
    public String string(int maxLength, String alphabet) {
        if (alphabet.isEmpty()) {
            throw new IllegalArgumentException("empty alphabet");
        }
        Many more = many(0, maxLength);
        StringBuilder out = new StringBuilder();
        while (more.more()) {
            out.append(alphabet.charAt(intBetween(0, alphabet.length() - 1)));
        }
        return out.toString();
    }

    /**
     * A loop helper for collections of {@code minSize..maxSize} elements, averaging a few more than
     * the minimum (at most {@value #DEFAULT_AVERAGE_EXTRA_SIZE_CAP} / 2 extra):
     * {@code Many m = choices.many(0, 50); while (m.more()) { list.add(...draw...); }}
     */
    public Many many(int minSize, int maxSize) {
        checkSizes(minSize, maxSize);
        double averageSize = minSize + Math.min(maxSize - minSize, DEFAULT_AVERAGE_EXTRA_SIZE_CAP) / 2.0;
        return new Many(this, minSize, maxSize, averageSize);
    }

    /** Like {@link #many(int, int)}, aiming for {@code averageSize} elements when generating. */
    public Many many(int minSize, int maxSize, double averageSize) {
        checkSizes(minSize, maxSize);
        if (!(averageSize >= minSize && averageSize <= maxSize)) {
            throw new IllegalArgumentException(
                    "average size " + averageSize + " outside [" + minSize + ", " + maxSize + "]");
        }
        return new Many(this, minSize, maxSize, averageSize);
    }

    /** A list of {@code minSize..maxSize} elements, each drawn by {@code element}; shrinks towards fewer, simpler ones. */
    public <T> List<T> listOf(int minSize, int maxSize, Function<Choices, T> element) {
        Many more = many(minSize, maxSize);
        List<T> out = new ArrayList<>();
        while (more.more()) {
            out.add(element.apply(this));
        }
        return out;
    }

    // ---------------------------------------------------------------- case control

    /** Rejects this case as an input the property does not apply to (not a failure). */
    public void assume(boolean condition) {
        if (!condition) {
            throw new InvalidCaseException("assumption not met");
        }
    }

    /** Attaches a human-readable line to this case; failure reports show the notes of the minimal case. */
    public void note(String line) {
        if (notes.size() < MAX_NOTES) {
            notes.add(line.length() <= MAX_NOTE_CHARS ? line : line.substring(0, MAX_NOTE_CHARS) + "...");
        }
    }

    /** The notes attached so far. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** What was drawn so far, without trailing zeros (a replay draws those anyway). */
    public ChoiceSequence recorded() {
        return ChoiceSequence.adopt(Arrays.copyOf(recorded, drawCount)).withoutTrailingZeros();
    }

    /** Number of recorded draws so far (draws with nothing to choose are not counted). */
    public int drawCount() {
        return drawCount;
    }

    /** True if draws come from a given sequence rather than from a random generator. */
    public boolean isReplaying() {
        return replayed != null;
    }

    // ---------------------------------------------------------------- internals

    /** Makes a source of offsets in {@code [0, span]} (unsigned) when generating. */
    @FunctionalInterface
    private interface OffsetGenerator {
        long generate(RandomGenerator random, long span);
    }

    private long draw(long span, OffsetGenerator generator) {
        long offset = nextOffset(span, generator);
        record(offset);
        return offset;
    }

    /** The next offset, clamped into {@code [0, span]}; {@link #draw} records it. */
    private long nextOffset(long span, OffsetGenerator generator) {
        if (drawCount >= maxDraws) {
            throw new InvalidCaseException("case drew more than " + maxDraws + " choices");
        }
        long offset;
        if (replayed == null) {
            offset = generator.generate(random, span);
        } else if (drawCount < replayed.size()) {
            offset = replayed.get(drawCount);
        } else {
            offset = 0;
        }
        return Long.compareUnsigned(offset, span) > 0 ? span : offset;
    }

    private void record(long offset) {
        if (drawCount == recorded.length) {
            recorded = Arrays.copyOf(recorded, Math.min(maxDraws, recorded.length * 2));
        }
        recorded[drawCount++] = offset;
    }

    private static long edgeBiased(RandomGenerator random, long span) {
        int roll = random.nextInt(EDGE_BIAS_ONE_IN);
        if (roll == 0) {
            return 0;
        }
        if (roll == 1) {
            return span;
        }
        return uniform(random, span);
    }

    /** Uniform in {@code [0, span]}, reading {@code span} as unsigned. */
    static long uniform(RandomGenerator random, long span) {
        if (span == -1L) {
            return random.nextLong(); // the whole 2^64 range
        }
        if (span >= 0 && span < Long.MAX_VALUE) {
            return random.nextLong(span + 1);
        }
        long candidate;
        do { // span >= 2^63 - 1: reject the few values above it (fewer than half)
            candidate = random.nextLong();
        } while (Long.compareUnsigned(candidate, span) > 0);
        return candidate;
    }

    /** The rank, among positive-weight indices, of the index whose weight interval holds {@code point}. */
    private static long rankOfPoint(int[] weights, long point) {
        long cumulative = 0;
        int rank = 0;
        for (int w : weights) {
            if (w == 0) {
                continue;
            }
            cumulative += w;
            if (point < cumulative) {
                return rank;
            }
            rank++;
        }
        throw new AssertionError("point " + point + " beyond total weight");
    }

    private static int indexOfRank(int[] weights, int rank) {
        int seen = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0 && seen++ == rank) {
                return i;
            }
        }
        throw new AssertionError("rank " + rank + " beyond the positive weights");
    }

    private static void checkSizes(int minSize, int maxSize) {
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException("bad size range [" + minSize + ", " + maxSize + "]");
        }
    }
}
