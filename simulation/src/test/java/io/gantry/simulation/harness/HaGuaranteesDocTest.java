package io.gantry.simulation.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.config.BrokerRole;
import io.gantry.store.FlushDiskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "Master and slave" table of docs/guarantees.md and {@link Guarantees#haRows()} agree row for row. */
class HaGuaranteesDocTest {

    private static final List<FaultClass> COLUMNS = List.of(FaultClass.PROCESS_CRASH, FaultClass.POWER_LOSS,
            FaultClass.PERMANENT_DISK_LOSS, FaultClass.PARTITION);

    @Test
    void theDocTableAndTheJavaTableAgree() throws Exception {
        Path p = Path.of("docs/guarantees.md");
        List<Guarantees.HaRow> doc = parse(Files.readString(Files.exists(p) ? p : Path.of("..", "docs", "guarantees.md")));
        assertThat(doc).isEqualTo(Guarantees.haRows());
    }

    @Test
    void mayLoseReadsTheHaTable() {
        Set<FaultClass> gone = EnumSet.of(FaultClass.PERMANENT_DISK_LOSS);
        assertThat(Guarantees.mayLose(BrokerRole.SYNC_MASTER, FlushDiskType.ASYNC_FLUSH, Guarantees.SendStatus.SEND_OK,
                gone)).isFalse();
        assertThat(Guarantees.mayLose(BrokerRole.ASYNC_MASTER, FlushDiskType.ASYNC_FLUSH, Guarantees.SendStatus.SEND_OK,
                gone)).isTrue();
        assertThat(Guarantees.mayLose(BrokerRole.SYNC_MASTER, FlushDiskType.ASYNC_FLUSH,
                Guarantees.SendStatus.FLUSH_SLAVE_TIMEOUT, EnumSet.of(FaultClass.PARTITION))).isFalse();
        assertThat(Guarantees.mayLose(BrokerRole.ASYNC_MASTER, FlushDiskType.ASYNC_FLUSH,
                Guarantees.SendStatus.FLUSH_SLAVE_TIMEOUT, EnumSet.noneOf(FaultClass.class)))
                .as("a status ASYNC_MASTER never answers promises nothing").isTrue();
    }

    static List<Guarantees.HaRow> parse(String markdown) {
        List<Guarantees.HaRow> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : markdown.lines().toList()) {
            String t = line.trim();
            if (t.startsWith("| brokerRole | flushDiskType | status |")) {
                assertThat(cells(t).subList(3, cells(t).size()))
                        .containsExactly("process crash", "power loss", "permanent disk loss", "partition");
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
                assertThat(c.get(3 + i)).isIn("yes", "no");
                if (c.get(3 + i).equals("yes")) {
                    lose.add(COLUMNS.get(i));
                }
            }
            rows.add(new Guarantees.HaRow(BrokerRole.valueOf(c.get(0)), FlushDiskType.valueOf(c.get(1)),
                    Guarantees.SendStatus.valueOf(c.get(2)), lose));
        }
        return rows;
    }

    private static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        for (String c : row.substring(1, row.length() - 1).split("\\|")) {
            out.add(c.trim());
        }
        return out;
    }
}
