package io.gantry.simulation.choice;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a failing choice sequence into a simpler one that still fails the same way, by editing
 * the sequence blindly and replaying it. It knows nothing about what the entries mean, so it
 * works the same for a list of integers and for a simulation's fault schedule.
 *
 * <p>A candidate is kept only if its replay fails with the <em>same exception class</em> as the
 * original failure and the choices it actually used are strictly simpler (shortlex, see {@link
 * ChoiceSequence}); so shrinking always terminates, and a different bug found on the way does not
 * replace the one being shrunk. Passes, repeated until a whole round changes nothing or the
 * attempt budget runs out:
 * <ol>
 *   <li>truncate: binary search for the shortest failing prefix;</li>
 *   <li>delete chunks of 8, 4, 2 and 1 adjacent entries;</li>
 *   <li>zero chunks of 8, 4, 2 and 1 adjacent entries;</li>
 *   <li>lower each entry by binary search towards zero;</li>
 *   <li>redistribute: move an entry's whole value onto one of the next few entries (turns
 *       {@code [400, 600]}-like pairs into {@code [0, 1000]}, which deletion then finishes);</li>
 *   <li>swap adjacent entries that are out of order.</li>
 * </ol>
 *
 * <p>Not guaranteed: a globally minimal result (the passes find a local minimum), or that the
 * minimal case fails with the same message as the original (only the same class).
 */
public final class Shrinker {

    /** Default budget of replays per shrink. */
    public static final int DEFAULT_MAX_ATTEMPTS = 2_000;

    private static final int[] CHUNK_SIZES = {8, 4, 2, 1};
    /** How far ahead redistribution looks for an entry to move a value onto. */
    private static final int REDISTRIBUTE_WINDOW = 8;

    private final Function<ChoiceSequence, CaseOutcome> replay;
    private final int maxAttempts;

    /**
     * @param replay      runs the test on a candidate sequence (e.g. {@code seq ->
     *                    CaseOutcome.run(property, Choices.replaying(seq))}); must be deterministic
     * @param maxAttempts at most this many replays per {@link #shrink}
     */
    public Shrinker(Function<ChoiceSequence, CaseOutcome> replay, int maxAttempts) {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must not be negative: " + maxAttempts);
        }
        this.replay = Objects.requireNonNull(replay, "replay");
        this.maxAttempts = maxAttempts;
    }

    /** A shrinker that replays {@code property} with at most {@code maxDraws} draws per case. */
    public static Shrinker forProperty(Property property, int maxDraws, int maxAttempts) {
        Objects.requireNonNull(property, "property");
        return new Shrinker(sequence -> CaseOutcome.run(property, Choices.replaying(sequence, maxDraws)), maxAttempts);
    }

    /**
     * The result of shrinking.
     *
     * @param minimal           the simplest failing case found (the input itself if nothing simpler failed)
     * @param attempts          replays made
     * @param improvements      how many times a simpler failing case was found
     * @param attemptsExhausted true if the budget ran out before the passes stopped finding anything
     */
    public record Result(CaseOutcome minimal, int attempts, int improvements, boolean attemptsExhausted) {
    }

    /** Shrinks {@code failing}, which must be a {@link CaseOutcome.Status#FAILED} outcome. */
    public Result shrink(CaseOutcome failing) {
        if (!failing.failed()) {
            throw new IllegalArgumentException("can only shrink a failing case, got " + failing.status());
        }
        return new Session(failing).run();
    }

    /** The state of one shrink: the best failing case so far and the budget spent. */
    private final class Session {
        private final Class<? extends Throwable> failureClass;
        private final Set<Long> tried = new HashSet<>(); // fingerprints; a collision only skips a candidate
        private CaseOutcome current;
        private int attempts;
        private int improvements;
        private boolean exhausted;

        Session(CaseOutcome failing) {
            this.failureClass = failing.failure().getClass();
            this.current = failing;
            tried.add(fingerprint(failing.choices()));
        }

        Result run() {
            while (!exhausted) {
                ChoiceSequence before = current.choices();
                truncate();
                deleteChunks();
                zeroChunks();
                lowerEntries();
                redistribute();
                swapAdjacent();
                if (!current.choices().isSimplerThan(before)) {
                    break;
                }
            }
            return new Result(current, attempts, improvements, exhausted);
        }

        private ChoiceSequence best() {
            return current.choices();
        }

        /** Replays {@code candidate} if it is new and simpler; keeps it if it still fails the same way. */
        private boolean consider(ChoiceSequence candidate) {
            if (!candidate.isSimplerThan(best()) || !tried.add(fingerprint(candidate))) {
                return false;
            }
            if (attempts >= maxAttempts) {
                exhausted = true;
                return false;
            }
            attempts++;
            CaseOutcome outcome = replay.apply(candidate);
            if (outcome.failed()
                    && outcome.failure().getClass() == failureClass
                    && outcome.choices().isSimplerThan(best())) {
                current = outcome;
                improvements++;
                return true;
            }
            return false;
        }

        private void truncate() {
            int shortEnough = best().size(); // a prefix of this length fails (the whole sequence)
            int tooShort = 0;                // prefixes shorter than this are not known to fail
            while (!exhausted && tooShort < shortEnough) {
                int mid = (tooShort + shortEnough) >>> 1;
                if (consider(best().prefix(mid))) {
                    shortEnough = best().size();
                } else {
                    tooShort = mid + 1;
                }
            }
        }

        private void deleteChunks() {
            for (int k : CHUNK_SIZES) {
                int i = 0;
                while (!exhausted && i + k <= best().size()) {
                    if (!consider(best().without(i, i + k))) {
                        i++; // on success, what followed now sits at i: try it too
                    }
                }
            }
        }

        private void zeroChunks() {
            for (int k : CHUNK_SIZES) {
                for (int i = 0; !exhausted && i + k <= best().size(); i++) {
                    if (!allZero(best(), i, i + k)) {
                        consider(best().zeroed(i, i + k));
                    }
                }
            }
        }

        private void lowerEntries() {
            for (int i = 0; !exhausted && i < best().size(); i++) {
                long value = best().get(i);
                if (value == 0 || consider(best().with(i, 0))) {
                    continue;
                }
                long reproduces = value; // unsigned throughout
                long doesNot = 0;
                while (!exhausted && Long.compareUnsigned(reproduces - doesNot, 1) > 0) {
                    long mid = doesNot + ((reproduces - doesNot) >>> 1);
                    if (consider(best().with(i, mid))) {
                        if (i >= best().size() || Long.compareUnsigned(best().get(i), doesNot) <= 0) {
                            break; // the sequence changed shape under us; move on
                        }
                        reproduces = best().get(i);
                    } else {
                        doesNot = mid;
                    }
                }
            }
        }

        private void redistribute() {
            for (int i = 0; !exhausted && i < best().size(); i++) {
                for (int j = i + 1; !exhausted && j < Math.min(best().size(), i + 1 + REDISTRIBUTE_WINDOW); j++) {
                    long moved = best().get(i);
                    if (moved == 0) {
                        break;
                    }
                    long target = best().get(j);
                    long sum = target + moved;
                    if (Long.compareUnsigned(sum, target) < 0) {
                        sum = -1L; // saturate at the unsigned maximum; the replay clamps it
                    }
                    consider(best().with(i, 0).with(j, sum));
                }
            }
        }

        private void swapAdjacent() {
            for (int i = 0; !exhausted && i + 1 < best().size(); i++) {
                long left = best().get(i);
                long right = best().get(i + 1);
                if (Long.compareUnsigned(left, right) > 0) {
                    consider(best().with(i, right).with(i + 1, left));
                }
            }
        }
    }

    private static boolean allZero(ChoiceSequence sequence, int from, int to) {
        for (int i = from; i < to; i++) {
            if (sequence.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** A 64-bit fingerprint of a sequence, for remembering what was tried without keeping it. */
    private static long fingerprint(ChoiceSequence sequence) {
        long hash = Seeds.mix(sequence.size());
        for (int i = 0; i < sequence.size(); i++) {
            hash = Seeds.mix(hash ^ sequence.get(i)) + i;
        }
        return hash;
    }
}
