package io.gantry.broker.offset;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.body.ConsumerOffsetSerializeWrapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A slave merges its master's offsets forward only (RocketMQ #1094) and reports where it is ahead. */
class ConsumerOffsetMergeTest {

    @Test
    void mergeNeverMovesBackAndReportsNewerLocalOffsets() {
        ConsumerOffsetTable slave = new ConsumerOffsetTable();
        slave.commit("G", "T", 0, 10);
        slave.commit("G", "T", 1, 2);
        slave.commit("H", "T", 0, 4);
        ConsumerOffsetSerializeWrapper master = new ConsumerOffsetSerializeWrapper(Map.of(
                "T@G", Map.of(0, 7L, 1, 5L, 2, 3L)));
        List<ConsumerOffsetTable.Entry> ahead = slave.mergeNewer(master);
        assertThat(slave.query("G", "T", 0)).as("older master offset ignored").isEqualTo(10);
        assertThat(slave.query("G", "T", 1)).isEqualTo(5);
        assertThat(slave.query("G", "T", 2)).isEqualTo(3);
        assertThat(ahead).containsExactlyInAnyOrder(new ConsumerOffsetTable.Entry("G", "T", 0, 10),
                new ConsumerOffsetTable.Entry("H", "T", 0, 4));
    }
}
