package io.gantry.simulation.harness.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.harness.FaultEvent;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.store.FlushDiskType;
import io.gantry.store.MessageStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoreNemesisTest {

    private static final String SEGMENT_0 = "store/commitlog/00000000000000000000";

    /**
     * Regression (store-sync seeds 688, 689 before the fix): the flip target was drawn below the
     * store's durable offset, but a sealed segment's file ends after its end-of-segment filler, so a
     * target inside the filler's span had no byte behind it and the disk threw "bit offset outside".
     * Every target in that span must now land on a byte the file holds at rest.
     */
    @Test
    void bitFlipsAimedIntoAFillersSpanLandOnBytesTheSegmentHolds() throws Exception {
        SimWorld world = new SimWorld(SimConfig.defaults(7));
        SimNode node = world.addNode("store");
        History history = new History();
        StoreProcess process = new StoreProcess(world, node, StoreRun.storeConfig(FlushDiskType.SYNC_FLUSH), history);
        StoreNemesis nemesis = new StoreNemesis(world, process, history);
        process.start();
        assertThat(world.runUntil(process::isUp, 10_000)).isTrue();
        MessageStore store = process.store();
        long segmentBytes = process.config().mappedFileSizeCommitLog();
        boolean[] flushed = {false};
        node.context().scheduler().execute(() -> {
            while (store.getMaxPhyOffset() < segmentBytes + 1_000) {
                store.putMessage(record("x".repeat(2_900)));
            }
            store.flush().whenComplete((s, e) -> flushed[0] = true);
        });
        assertThat(world.runUntil(() -> flushed[0], 10_000)).isTrue();
        long segment0AtRest = node.disk().durableLengthBytes(SEGMENT_0);
        assertThat(segment0AtRest).as("segment 0 ends after its filler, short of the segment size")
                .isLessThan(segmentBytes);
        assertThat(store.getDurablePhyOffset()).isGreaterThan(segmentBytes);

        int flips = 0;
        for (long offset = segment0AtRest; offset < segmentBytes; offset += 7) {
            nemesis.apply(new FaultEvent(world.nowMs(), FaultKind.BIT_FLIP, 0, offset));
            flips++;
        }
        assertThat(nemesis.applied()).containsEntry("bit-flip", flips);
        assertThat(history.entries()).filteredOn(e -> e.type() == HistoryEntry.Type.FAULT)
                .hasSize(flips)
                .allSatisfy(e -> assertThat(e.physicalOffset()).isBetween(0L, segment0AtRest - 1));
    }

    private static MessageRecord record(String body) {
        return MessageRecord.builder().topic("T").queueId(0).body(body.getBytes(StandardCharsets.UTF_8))
                .bornHost(HostAddress.of(new byte[] {10, 0, 0, 1}, 50000))
                .storeHost(HostAddress.of(new byte[] {10, 0, 0, 2}, 10911)).bornTimestamp(0).build();
    }
}
