package io.gantry.property.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.message.MessageRecord;
import io.gantry.store.FlushDiskType;
import io.gantry.store.FlushStatus;
import io.gantry.store.GetMessageResult;
import io.gantry.store.GetMessageStatus;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import io.gantry.store.PutMessageResult;
import io.gantry.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written store scenarios on the simulated disk, each a minimal case the property found or must cover. */
class StoreFaultScenariosTest {

    static StoreConfig config(FlushDiskType type) {
        return StoreConfig.builder().flushDiskType(type).mappedFileSizeCommitLog(4096)
                .mappedFileSizeConsumeQueue(40).maxMessageSize(3072).maxHashSlotNum(16).maxIndexNum(32).build();
    }

    static MessageRecord message(int id) {
        return MessageRecord.builder().topic("TopicA").queueId(0)
                .body(("body-" + id).getBytes(StandardCharsets.UTF_8))
                .properties(Map.of(ModelMessage.ID_PROPERTY, Integer.toString(id), "KEYS", "k" + id))
                .bornHost(CrashConsistencyScenario.BORN_HOST).storeHost(CrashConsistencyScenario.STORE_HOST).build();
    }

    static GetMessageResult readQueue(SimStoreNode node) throws Exception {
        return node.onLoop(() -> node.store().getMessage("TopicA", 0, 0, 32, 1 << 20, MessageFilter.ALL));
    }

    /**
     * Found by the property (ASYNC_FLUSH, world seed 0): a segment file created by a process that
     * crashed before any force has no durable directory entry. Recovery after the crash forced
     * the file and stored a checkpoint covering it, but did not sync the directory, so a later
     * power loss removed the file and the store refused to open ("checkpoint says the commit log
     * was durable up to offset 102 but it ends at 0").
     */
    @Test
    void aRecordRecoveredAfterACrashSurvivesALaterPowerLoss() throws Exception {
        SimStoreNode node = new SimStoreNode(0, config(FlushDiskType.ASYNC_FLUSH));
        node.open();
        node.onLoop(() -> node.store().putMessage(message(1)));
        node.crashAndRestart();
        node.open();
        assertThat(readQueue(node).messageCount()).isEqualTo(1);

        node.powerLossAndRestart();
        MessageStore store = node.open();
        GetMessageResult after = readQueue(node);
        assertThat(after.status()).isEqualTo(GetMessageStatus.FOUND);
        assertThat(after.messageCount()).as("the record recovery made durable").isEqualTo(1);
        assertThat(node.onLoop(() -> store.queryMessage("TopicA", "k1", 32, 0, Long.MAX_VALUE)).messages())
                .hasSize(1);
    }

    /** The same, for SYNC_FLUSH: a put whose process died before its group commit ran. */
    @Test
    void syncFlushRecordRecoveredAfterACrashBeforeItsForceSurvivesPowerLoss() throws Exception {
        SimStoreNode node = new SimStoreNode(0, config(FlushDiskType.SYNC_FLUSH));
        node.open();
        PutMessageResult put = node.onLoop(() -> node.store().putMessage(message(1)));
        assertThat(put.durability()).isNotDone();
        node.crashAndRestart();
        node.open();
        node.powerLossAndRestart();
        node.open();
        assertThat(readQueue(node).messageCount()).isEqualTo(1);
        PutMessageResult next = node.onLoop(() -> node.store().putMessage(message(2)));
        node.await(next.durability(), 10_000);
        assertThat(next.durability()).isCompletedWithValue(FlushStatus.FLUSHED);
        assertThat(next.queueOffset()).isEqualTo(1);
    }

    /**
     * Found by the property (index files of 8 entries): after a crash, recovery kept the full index
     * files and re-indexed from "the last kept file's newest record offset + 1", which is not a
     * record boundary, so the commit-log scan met a bad magic below the checkpoint and the store
     * refused to open ("bad magic 0xa320a700, below the durable offset").
     */
    @Test
    void recoveryAfterACrashWithAFullIndexFileReopensAndFindsEveryKey() throws Exception {
        StoreConfig config = config(FlushDiskType.SYNC_FLUSH).toBuilder().maxIndexNum(2).build();
        SimStoreNode node = new SimStoreNode(0, config);
        node.open();
        for (int id = 1; id <= 5; id++) {
            int i = id;
            PutMessageResult put = node.onLoop(() -> node.store().putMessage(message(i)));
            node.await(put.durability(), 10_000);
            assertThat(put.durability()).isCompletedWithValue(FlushStatus.FLUSHED);
        }
        node.await(node.onLoop(() -> node.store().checkpointNow()), 10_000);
        node.crashAndRestart();
        MessageStore store = node.open();
        assertThat(readQueue(node).messageCount()).isEqualTo(5);
        for (int id = 1; id <= 5; id++) {
            String key = "k" + id;
            assertThat(node.onLoop(() -> store.queryMessage("TopicA", key, 32, 0, Long.MAX_VALUE)).messages())
                    .as("key %s", key).hasSize(1);
        }
    }
}
