package io.gantry.simulation.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChoicesTest {

    private enum Fault { NONE, CRASH, PARTITION }

    /** Draws one of everything and returns what it drew, as text, so two runs can be compared. */
    private static List<String> drawEverything(Choices c) {
        List<String> drawn = new ArrayList<>();
        drawn.add("long=" + c.longBetween(-5, 5));
        drawn.add("int=" + c.intBetween(10, 20));
        drawn.add("bool=" + c.bool());
        drawn.add("chance=" + c.chance(0.3));
        drawn.add("bytes=" + java.util.Arrays.toString(c.bytes(8)));
        drawn.add("pick=" + c.pick(List.of("a", "b", "c")));
        drawn.add("enum=" + c.pick(Fault.class));
        drawn.add("weighted=" + c.weighted(1, 0, 5));
        drawn.add("string=" + c.string(6, "xyz"));
        drawn.add("list=" + c.listOf(1, 4, x -> x.intBetween(0, 3)));
        drawn.add("full=" + c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE));
        return drawn;
    }

    @Test
    void replayingTheRecordedSequenceRedrawsTheSameValues() {
        for (int seed = 0; seed < 200; seed++) {
            Choices generating = Choices.generating(new SplittableRandom(seed));
            List<String> generated = drawEverything(generating);

            List<String> replayed = drawEverything(Choices.replaying(generating.recorded()));

            assertThat(replayed).as("seed %d", seed).isEqualTo(generated);
        }
    }

    @Test
    void exhaustedSequenceGivesTheSimplestValues() {
        Choices c = Choices.replaying(ChoiceSequence.EMPTY);

        assertThat(c.longBetween(-5, 5)).isEqualTo(-5);
        assertThat(c.intBetween(10, 20)).isEqualTo(10);
        assertThat(c.bool()).isFalse();
        assertThat(c.chance(0.9)).isFalse();
        assertThat(c.bytes(8)).isEmpty();
        assertThat(c.pick(List.of("a", "b"))).isEqualTo("a");
        assertThat(c.pick(Fault.class)).isEqualTo(Fault.NONE);
        assertThat(c.weighted(0, 3, 1)).as("first index with a positive weight").isEqualTo(1);
        assertThat(c.string(5, "xyz")).isEmpty();
        assertThat(c.listOf(2, 5, x -> x.intBetween(7, 9))).containsExactly(7, 7);
        assertThat(c.recorded()).isEqualTo(ChoiceSequence.EMPTY);
    }

    @Test
    void oversizedEntriesAreClampedToTheTopOfTheRange() {
        Choices c = Choices.replaying(ChoiceSequence.of(1_000, 7, -1L, 99));

        assertThat(c.intBetween(0, 10)).isEqualTo(10);
        assertThat(c.bool()).isTrue();
        assertThat(c.longBetween(-3, 3)).isEqualTo(3);
        assertThat(c.pick(Fault.class)).isEqualTo(Fault.PARTITION);
        assertThat(c.recorded()).as("records what was used").isEqualTo(ChoiceSequence.of(10, 1, 6, 2));
    }

    @Test
    void fullLongRangeUsesUnsignedOffsets() {
        Choices c = Choices.replaying(ChoiceSequence.of(0, -1L, 1L << 63));

        assertThat(c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(0L);
    }

    @Test
    void generatedValuesStayInRange() {
        Choices c = Choices.generating(new SplittableRandom(7), 100_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(c.intBetween(-3, 4)).isBetween(-3, 4);
            assertThat(c.longBetween(Long.MAX_VALUE - 2, Long.MAX_VALUE)).isGreaterThanOrEqualTo(Long.MAX_VALUE - 2);
        }
    }

    @Test
    void zeroWeightIsNeverChosenEvenFromAnEditedSequence() {
        for (long entry = 0; entry < 5; entry++) {
            Choices c = Choices.replaying(ChoiceSequence.of(entry));
            assertThat(c.weighted(2, 0, 0, 1)).isIn(0, 3);
            assertThat(c.recorded().size()).as("rank among positive weights: 0 or 1").isLessThanOrEqualTo(1);
        }
        Choices generating = Choices.generating(new SplittableRandom(3));
        for (int i = 0; i < 1_000; i++) {
            assertThat(generating.weighted(0, 5, 0)).isEqualTo(1);
        }
    }

    @Test
    void certainDrawsRecordNothing() {
        Choices c = Choices.generating(new SplittableRandom(1));

        assertThat(c.chance(0.0)).isFalse();
        assertThat(c.chance(1.0)).isTrue();
        assertThat(c.intBetween(4, 4)).isEqualTo(4);
        assertThat(c.weighted(9)).isZero();
        assertThat(c.weighted(0, 4, 0)).as("one positive weight").isEqualTo(1);
        assertThat(c.drawCount()).isZero();
    }

    @Test
    void manyRespectsItsBoundsAndStopsForGood() {
        Choices forcedLong = Choices.replaying(ChoiceSequence.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        Many upToThree = forcedLong.many(1, 3);
        int count = 0;
        while (upToThree.more()) {
            count++;
        }
        assertThat(count).isEqualTo(3);
        assertThat(forcedLong.drawCount()).as("the minimum and the maximum are forced").isEqualTo(2);

        Many stopped = Choices.replaying(ChoiceSequence.of(0, 1, 1)).many(0, 10);
        assertThat(stopped.more()).isFalse();
        assertThat(stopped.more()).as("stays stopped").isFalse();
    }

    @Test
    void tooManyDrawsMakeTheCaseInvalid() {
        Choices c = Choices.generating(new SplittableRandom(1), 5);
        for (int i = 0; i < 5; i++) {
            c.bool();
        }
        assertThatThrownBy(c::bool).isInstanceOf(InvalidCaseException.class);
    }

    @Test
    void badArgumentsAreRejected() {
        Choices c = Choices.generating(new SplittableRandom(1));
        assertThatThrownBy(() -> c.intBetween(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.chance(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.chance(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.weighted(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.weighted(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.pick(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.string(3, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.many(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notesAreKeptAndBounded() {
        Choices c = Choices.replaying(ChoiceSequence.EMPTY);
        for (int i = 0; i < Choices.MAX_NOTES + 5; i++) {
            c.note("note " + i);
        }
        assertThat(c.notes()).hasSize(Choices.MAX_NOTES).startsWith("note 0");
    }
}
