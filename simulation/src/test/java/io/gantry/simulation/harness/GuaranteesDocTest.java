package io.gantry.simulation.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.store.FlushDiskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/guarantees.md and {@link Guarantees} must say the same thing, row for row. */
class GuaranteesDocTest {

    private static final List<FaultClass> COLUMNS = List.of(FaultClass.PROCESS_CRASH, FaultClass.POWER_LOSS,
            FaultClass.PERMANENT_DISK_LOSS, FaultClass.BIT_FLIP_AT_REST);

    @Test
    void theDocTableAndTheJavaTableAgree() throws Exception {
        List<Guarantees.Row> doc = parse(Files.readString(docPath()));
        assertThat(doc).hasSize(Guarantees.rows().size());
        for (int i = 0; i < doc.size(); i++) {
            Guarantees.Row d = doc.get(i);
            Guarantees.Row j = Guarantees.rows().get(i);
            assertThat(d.flushDiskType()).isEqualTo(j.flushDiskType());
            assertThat(d.status()).isEqualTo(j.status());
            assertThat(d.mayLoseUnder()).as("row " + d).isEqualTo(j.mayLoseUnder());
        }
    }

    @Test
    void mayLoseReadsTheTable() {
        Set<FaultClass> power = EnumSet.of(FaultClass.POWER_LOSS);
        assertThat(Guarantees.mayLose(FlushDiskType.SYNC_FLUSH, Guarantees.AckStatus.PUT_OK, power)).isFalse();
        assertThat(Guarantees.mayLose(FlushDiskType.ASYNC_FLUSH, Guarantees.AckStatus.PUT_OK, power)).isTrue();
        assertThat(Guarantees.mayLose(FlushDiskType.SYNC_FLUSH, Guarantees.AckStatus.FLUSH_DISK_TIMEOUT, power))
                .isTrue();
        assertThat(Guarantees.mayLose(FlushDiskType.ASYNC_FLUSH, Guarantees.AckStatus.PUT_OK,
                EnumSet.of(FaultClass.PROCESS_CRASH))).isFalse();
        assertThat(Guarantees.mayLose(FlushDiskType.SYNC_FLUSH, Guarantees.AckStatus.PUT_OK,
                EnumSet.noneOf(FaultClass.class))).isFalse();
    }

    private static Path docPath() {
        Path p = Path.of("docs/guarantees.md");
        return Files.exists(p) ? p : Path.of("..", "docs", "guarantees.md");
    }

    static List<Guarantees.Row> parse(String markdown) {
        List<Guarantees.Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : markdown.lines().toList()) {
            String t = line.trim();
            if (t.startsWith("| flushDiskType | status |")) {
                List<String> header = cells(t);
                assertThat(header.subList(2, header.size()))
                        .containsExactly("process crash", "power loss", "permanent disk loss", "bit flip at rest");
                inTable = true;
                continue;
            }
            if (!inTable) {
                continue;
            }
            if (!t.startsWith("|")) {
                break;
            }
            if (t.startsWith("| ---")) {
                continue;
            }
            List<String> c = cells(t);
            Set<FaultClass> lose = EnumSet.noneOf(FaultClass.class);
            for (int i = 0; i < COLUMNS.size(); i++) {
                String v = c.get(2 + i);
                assertThat(v).isIn("yes", "no");
                if (v.equals("yes")) {
                    lose.add(COLUMNS.get(i));
                }
            }
            rows.add(new Guarantees.Row(FlushDiskType.valueOf(c.get(0)), Guarantees.AckStatus.valueOf(c.get(1)), lose));
        }
        return rows;
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.length() - 1);
        List<String> out = new ArrayList<>();
        for (String c : inner.split("\\|")) {
            out.add(c.trim());
        }
        return out;
    }
}
