package io.gantry.broker.offset;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.body.ConsumerOffsetSerializeWrapper;
import io.gantry.protocol.body.RemotingJson;
import org.junit.jupiter.api.Test;

class ConsumerOffsetTableTest {

    @Test
    void commitsQueriesAndRoundTripsThroughRocketMqFileShape() {
        ConsumerOffsetTable table = new ConsumerOffsetTable();
        assertThat(table.query("CG", "T", 0)).isEqualTo(-1);
        table.commit("CG", "T", 0, 5);
        table.commit("CG", "T", 3, 7);
        table.commit("CG", "%RETRY%CG", 0, 1);
        long version = table.version();
        table.commit("CG", "T", 0, 5);
        assertThat(table.version()).as("an unchanged commit is no change").isEqualTo(version);

        String json = new String(RemotingJson.encode(table.snapshot()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"T@CG\"");
        ConsumerOffsetTable loaded = new ConsumerOffsetTable();
        loaded.load(RemotingJson.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ConsumerOffsetSerializeWrapper.class));
        assertThat(loaded.query("CG", "T", 0)).isEqualTo(5);
        assertThat(loaded.query("CG", "T", 3)).isEqualTo(7);
        assertThat(loaded.query("CG", "%RETRY%CG", 0)).isEqualTo(1);

        loaded.removeTopic("T");
        assertThat(loaded.query("CG", "T", 0)).isEqualTo(-1);
        assertThat(loaded.query("CG", "%RETRY%CG", 0)).isEqualTo(1);
    }
}
