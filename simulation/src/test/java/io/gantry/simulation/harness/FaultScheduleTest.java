package io.gantry.simulation.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultScheduleTest {

    private static final Set<FaultKind> KINDS = EnumSet.of(FaultKind.CRASH, FaultKind.POWER_LOSS, FaultKind.PAUSE,
            FaultKind.CLOCK_JUMP, FaultKind.BIT_FLIP);

    @Test
    void drawingIsAPureFunctionOfTheSeed() {
        assertThat(FaultSchedule.draw("s", 42, KINDS, 20_000, 100))
                .isEqualTo(FaultSchedule.draw("s", 42, KINDS, 20_000, 100));
    }

    @Test
    void seedsEnableDifferentSubsetsOfKinds() {
        Set<Set<String>> subsets = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            FaultSchedule s = FaultSchedule.draw("s", seed, KINDS, 20_000, 100);
            subsets.add(s.countByKind().keySet());
            assertThat(s.events()).allMatch(e -> e.atMs() < 20_000 && KINDS.contains(e.kind()));
            assertThat(s.events()).isSortedAccordingTo(java.util.Comparator.comparingLong(FaultEvent::atMs));
        }
        assertThat(subsets).as("swarm: kinds enabled per seed").hasSizeGreaterThan(8).contains(Set.of());
    }

    @Test
    void theFileFormRoundTrips(@TempDir Path dir) throws Exception {
        FaultSchedule s = FaultSchedule.draw("store-sync", -7, KINDS, 20_000, 1234);
        assertThat(FaultSchedule.parse(s.toText())).isEqualTo(s);
        Path file = dir.resolve("schedule.jsonl");
        s.write(file);
        assertThat(FaultSchedule.read(file)).isEqualTo(s);
    }

    @Test
    void aTruncatedFileIsRefused() {
        FaultSchedule s = new FaultSchedule("x", 1, 10, 1000,
                List.of(new FaultEvent(5, FaultKind.CRASH, 10, 0), new FaultEvent(7, FaultKind.PAUSE, 10, 0)));
        String text = s.toText();
        String truncated = text.substring(0, text.lastIndexOf('{'));
        assertThatThrownBy(() -> FaultSchedule.parse(truncated)).hasMessageContaining("declares 2 events");
    }

    @Test
    void flatJsonEscapesAndParsesStrings() {
        String line = FlatJson.write(new java.util.LinkedHashMap<>(java.util.Map.of("a", "q\"uo\\te\n")));
        assertThat(FlatJson.parse(line)).containsEntry("a", "q\"uo\\te\n");
    }

    @Test
    void droppedOperationsRoundTripAndOldFilesStillRead() {
        FaultSchedule plain = FaultSchedule.draw("s", 3, KINDS, 20_000, 100);
        assertThat(plain.toText()).doesNotContain("version").doesNotContain("droppedOps");
        assertThat(FaultSchedule.parse(plain.toText())).isEqualTo(plain);

        FaultSchedule dropped = plain.withDroppedOps(OpSet.EMPTY.plus(5, 9).plus(20, 20).plus(10, 12));
        assertThat(dropped.droppedOps().toText()).isEqualTo("5-12,20");
        assertThat(dropped.runsOp(4)).isTrue();
        assertThat(dropped.runsOp(7)).isFalse();
        assertThat(dropped.runsOp(101)).as("past maxOps").isFalse();
        assertThat(dropped.operationBudget()).isEqualTo(100 - 9);
        FaultSchedule back = FaultSchedule.parse(dropped.toText());
        assertThat(back).isEqualTo(dropped);

        String future = dropped.toText().replace("\"version\":2", "\"version\":3");
        assertThatThrownBy(() -> FaultSchedule.parse(future)).hasMessageContaining("version 3");
    }

    @Test
    void opSetsMergeAndParse() {
        OpSet s = OpSet.parse("9, 1-3,4 ,7-8");
        assertThat(s.toText()).isEqualTo("1-4,7-9");
        assertThat(s.size()).isEqualTo(7);
        assertThat(s.contains(5)).isFalse();
        assertThat(s.contains(8)).isTrue();
        assertThat(s.plus(5, 6).toText()).isEqualTo("1-9");
        assertThat(OpSet.parse("")).isEqualTo(OpSet.EMPTY);
        assertThatThrownBy(() -> OpSet.parse("3-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
