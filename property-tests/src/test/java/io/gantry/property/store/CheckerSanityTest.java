package io.gantry.property.store;

import static io.gantry.property.store.StoreFaultScenariosTest.config;
import static io.gantry.property.store.StoreFaultScenariosTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.protocol.message.MessageRecord;
import io.gantry.store.FlushDiskType;
import io.gantry.store.FlushStatus;
import io.gantry.store.GetMessageResult;
import io.gantry.store.GetMessageStatus;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import io.gantry.store.PutMessageResult;
import io.gantry.store.StoreCorruptionException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shows that the crash-consistency checker can fail: it reports a message the store lost, and a
 * bit flipped at rest is either refused by recovery or reported, and never served.
 */
class CheckerSanityTest {
    /** Offset of the body in a V1 record with IPv4 hosts. */
    private static final int BODY_POSITION = 88;
    private static final String SEGMENT_0 = "store/commitlog/00000000000000000000";

    private final StoreModel model = new StoreModel();
    private final StoreChecker checker = new StoreChecker(model);

    /** Puts {@code count} messages through the model and waits until each is acknowledged durable. */
    private List<ModelMessage> putDurable(SimStoreNode node, int count) throws Exception {
        List<ModelMessage> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int id = model.newId();
            MessageRecord sent = message(id);
            ModelMessage m = model.register(id, sent, null, List.of("k" + id), null);
            PutMessageResult put = node.onLoop(() -> node.store().putMessage(sent));
            model.recordPut(List.of(m), put);
            node.await(put.durability(), 10_000);
            assertThat(put.durability()).isCompletedWithValue(FlushStatus.FLUSHED);
            out.add(m);
        }
        assertThat(out).allMatch(ModelMessage::durable);
        return out;
    }

    private void verify(SimStoreNode node, String event) throws Exception {
        node.onLoop(() -> {
            checker.verifyRecovered(node.store(), event, false, true, 4096);
            return null;
        });
    }

    @Test
    void theCheckerPassesAnHonestStore() throws Exception {
        SimStoreNode node = new SimStoreNode(7, config(FlushDiskType.SYNC_FLUSH));
        node.open();
        putDurable(node, 5);
        node.powerLossAndRestart();
        node.open();
        verify(node, "power loss #1");
        assertThat(model.all()).allMatch(m -> m.confirmed && !m.lost);
    }

    @Test
    void aDurableMessageTheStoreDoesNotHoldIsReportedByIdAndOffset() throws Exception {
        SimStoreNode node = new SimStoreNode(7, config(FlushDiskType.SYNC_FLUSH));
        node.open();
        putDurable(node, 3);
        // A fake loss: the model believes in one more acknowledged message that the store never got.
        int id = model.newId();
        ModelMessage ghost = model.register(id, message(id), null, List.of("k" + id), null);
        ghost.written = true;
        ghost.queueOffset = 3;
        ghost.physicalOffset = 4000;
        ghost.durable = true;
        node.powerLossAndRestart();
        node.open();
        assertThatThrownBy(() -> verify(node, "power loss #1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("message #" + id)
                .hasMessageContaining("TopicA/0 queue offset 3")
                .hasMessageContaining("missing, though it was acknowledged durable");
    }

    @Test
    void aRecordThatWasNeverPutIsReported() throws Exception {
        SimStoreNode node = new SimStoreNode(7, config(FlushDiskType.SYNC_FLUSH));
        node.open();
        putDurable(node, 2);
        // Put one behind the model's back.
        PutMessageResult sneaky = node.onLoop(() -> node.store().putMessage(message(99)));
        node.await(sneaky.durability(), 10_000);
        node.crashAndRestart();
        node.open();
        assertThatThrownBy(() -> verify(node, "process crash #1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("TopicA/0 offset 2 serves a record that was never put");
    }

    @Test
    void aBitFlippedAtRestIsRefusedOrReportedAndNeverServed() throws Exception {
        SimStoreNode node = new SimStoreNode(7, config(FlushDiskType.SYNC_FLUSH));
        MessageStore store = node.open();
        List<ModelMessage> durable = putDurable(node, 4);
        ModelMessage victim = durable.get(1);
        node.disk().flipBit(SEGMENT_0, (victim.physicalOffset + BODY_POSITION + 2) * 8 + 3);

        // While running: the bad record is not served (reads check the CRC), and the checker says so.
        assertThat(node.onLoop(() -> store.lookMessageByOffset(victim.physicalOffset))).isNull();
        // A read stops before the bad entry instead of skipping it: a consumer never moves past a
        // message it did not get without an error.
        GetMessageResult fromStart = node.onLoop(() ->
                store.getMessage("TopicA", 0, 0, 32, 1 << 20, MessageFilter.ALL));
        assertThat(fromStart.status()).isEqualTo(GetMessageStatus.FOUND);
        assertThat(fromStart.messageCount()).isEqualTo(1);
        assertThat(fromStart.nextBeginOffset()).isEqualTo(1);
        GetMessageResult atBad = node.onLoop(() ->
                store.getMessage("TopicA", 0, 1, 1, 1 << 20, MessageFilter.ALL));
        assertThat(atBad.status()).isEqualTo(GetMessageStatus.OFFSET_FOUND_NULL);
        assertThat(atBad.messages()).isEmpty();
        assertThat(atBad.nextBeginOffset()).as("the consumer stays at the bad record").isEqualTo(1);
        assertThatThrownBy(() -> node.onLoop(() -> {
            checker.verifyConsumerRead(store, "TopicA", 0, 32, true, "after the bit flip");
            return null;
        })).isInstanceOf(AssertionError.class).hasMessageContaining("stopped at offset 1, whose record is unreadable")
                .hasMessageContaining("message #" + victim.id);

        // After a restart: recovery refuses, naming file and offset, or the checker reports the loss.
        node.crashAndRestart();
        try {
            node.open();
        } catch (StoreCorruptionException refused) {
            assertThat(refused).hasMessageContaining(SEGMENT_0)
                    .hasMessageContaining(Long.toString(victim.physicalOffset));
            return;
        }
        assertThatThrownBy(() -> verify(node, "process crash #1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("message #" + victim.id);
    }
}
