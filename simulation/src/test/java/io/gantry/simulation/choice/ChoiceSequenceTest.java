package io.gantry.simulation.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChoiceSequenceTest {

    @Test
    void printedFormReadsBackToTheSameSequence() {
        ChoiceSequence sequence = ChoiceSequence.of(1, 0, 1000, -1L);

        String printed = sequence.toString();

        assertThat(printed).isEqualTo("1,0,1000,18446744073709551615");
        assertThat(ChoiceSequence.parse(printed)).isEqualTo(sequence);
    }

    @Test
    void parseAcceptsBracketsSpacesAndEmpty() {
        assertThat(ChoiceSequence.parse("[1, 2 3]")).isEqualTo(ChoiceSequence.of(1, 2, 3));
        assertThat(ChoiceSequence.parse("  ")).isEqualTo(ChoiceSequence.EMPTY);
        assertThat(ChoiceSequence.parse("[]").isEmpty()).isTrue();
    }

    @Test
    void parseRejectsWhatIsNotAnUnsignedNumber() {
        assertThatThrownBy(() -> ChoiceSequence.parse("1,-2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'-2'");
        assertThatThrownBy(() -> ChoiceSequence.parse("1,x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortlexOrdersByLengthThenUnsignedEntries() {
        assertThat(ChoiceSequence.of(9, 9).isSimplerThan(ChoiceSequence.of(0, 0, 0))).isTrue();
        assertThat(ChoiceSequence.of(1, 5).isSimplerThan(ChoiceSequence.of(2, 0))).isTrue();
        assertThat(ChoiceSequence.of(5).isSimplerThan(ChoiceSequence.of(-1L))).as("entries are unsigned").isTrue();
        assertThat(ChoiceSequence.of(3, 4).isSimplerThan(ChoiceSequence.of(3, 4))).isFalse();
    }

    @Test
    void editsLeaveTheOriginalAlone() {
        ChoiceSequence original = ChoiceSequence.of(1, 2, 3, 4);

        assertThat(original.without(1, 3)).isEqualTo(ChoiceSequence.of(1, 4));
        assertThat(original.zeroed(0, 2)).isEqualTo(ChoiceSequence.of(0, 0, 3, 4));
        assertThat(original.with(3, 7)).isEqualTo(ChoiceSequence.of(1, 2, 3, 7));
        assertThat(original.prefix(2)).isEqualTo(ChoiceSequence.of(1, 2));
        assertThat(ChoiceSequence.of(5, 0, 6, 0, 0).withoutTrailingZeros()).isEqualTo(ChoiceSequence.of(5, 0, 6));
        assertThat(original).isEqualTo(ChoiceSequence.of(1, 2, 3, 4));
    }
}
