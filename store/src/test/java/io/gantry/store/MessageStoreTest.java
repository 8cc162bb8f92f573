package io.gantry.store;

import static io.gantry.store.StoreHarness.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.message.MessageSysFlag;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageStoreTest {
    @TempDir
    Path tmp;
    private StoreHarness h;

    @BeforeEach
    void setUp() {
        h = new StoreHarness(tmp);
    }

    private static String body(ByteBuffer record) {
        return new String(MessageRecordCodec.decode(record.duplicate(), true).body(), StandardCharsets.UTF_8);
    }

    private static List<String> bodies(GetMessageResult r) {
        List<String> out = new ArrayList<>();
        r.messages().forEach(b -> out.add(body(b)));
        return out;
    }

    @Test
    void putAssignsOffsetsAndGetReturnsTheStoredRecords() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        PutMessageResult first = store.putMessage(message("TopicA", 1, "m0"));
        PutMessageResult second = store.putMessage(message("TopicA", 1, "m1"));
        PutMessageResult other = store.putMessage(message("TopicA", 2, "x0"));

        assertThat(first.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(first.physicalOffset()).isZero();
        assertThat(first.queueOffset()).isZero();
        assertThat(second.queueOffset()).isEqualTo(1);
        assertThat(second.physicalOffset()).isEqualTo(first.wroteBytes());
        assertThat(other.queueOffset()).isZero();
        assertThat(first.msgId()).isEqualTo("0A00000200002A9F0000000000000000");
        assertThat(first.storeTimestamp()).isEqualTo(h.scheduler.clock().wallClockMs());

        GetMessageResult got = store.getMessage("TopicA", 1, 0, 32, 1 << 20, MessageFilter.ALL);
        assertThat(got.status()).isEqualTo(GetMessageStatus.FOUND);
        assertThat(bodies(got)).containsExactly("m0", "m1");
        assertThat(got.nextBeginOffset()).isEqualTo(2);
        assertThat(got.minOffset()).isZero();
        assertThat(got.maxOffset()).isEqualTo(2);
        MessageRecord decoded = MessageRecordCodec.decode(got.messages().get(1).duplicate(), true);
        assertThat(decoded.commitLogOffset()).isEqualTo(second.physicalOffset());
        assertThat(decoded.queueOffset()).isEqualTo(1);
        assertThat(decoded.queueId()).isEqualTo(1);
        assertThat(decoded.storeHost()).isEqualTo(StoreHarness.STORE);

        assertThat(store.getMessageByOffset(other.physicalOffset()).body()).isEqualTo("x0".getBytes(StandardCharsets.UTF_8));
        assertThat(store.lookMessageByOffset(other.physicalOffset() + 1)).as("not a record start").isNull();
    }

    @Test
    void getReportsTheRocketMqStatuses() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        assertThat(store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL).status())
                .isEqualTo(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
        store.putMessage(message("T", 0, "a"));
        store.putMessage(message("T", 0, "b"));
        GetMessageResult caughtUp = store.getMessage("T", 0, 2, 32, 1 << 20, MessageFilter.ALL);
        assertThat(caughtUp.status()).isEqualTo(GetMessageStatus.OFFSET_OVERFLOW_ONE);
        assertThat(caughtUp.nextBeginOffset()).isEqualTo(2);
        GetMessageResult badly = store.getMessage("T", 0, 9, 32, 1 << 20, MessageFilter.ALL);
        assertThat(badly.status()).isEqualTo(GetMessageStatus.OFFSET_OVERFLOW_BADLY);
        assertThat(badly.nextBeginOffset()).isEqualTo(2);
        assertThat(store.getMessage("T", 0, 1, 1, 1 << 20, MessageFilter.ALL).messageCount()).isEqualTo(1);
    }

    /**
     * A record damaged at rest (here a flipped body byte) used to be logged and skipped, and the
     * next record served: the consumer's offset then moved past a message it never got, with no
     * error. The read now stops before it and a read starting there reports OFFSET_FOUND_NULL
     * without moving on.
     */
    @Test
    void aDamagedRecordStopsTheReadInsteadOfBeingSkipped() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        store.putMessage(message("T", 0, "first"));
        PutMessageResult damaged = store.putMessage(message("T", 0, "second ".repeat(50)));
        store.putMessage(message("T", 0, "third"));
        String segment = "store/commitlog/00000000000000000000";
        byte[] bytes = h.disk.contents(segment);
        int bodyByte = (int) damaged.physicalOffset() + 200; // the header is ~100 bytes, the body 350
        bytes[bodyByte] ^= 0x10;
        h.disk.overwrite(segment, bytes);
        assertThat(store.lookMessageByOffset(damaged.physicalOffset())).isNull();

        GetMessageResult fromStart = store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL);
        assertThat(fromStart.status()).isEqualTo(GetMessageStatus.FOUND);
        assertThat(fromStart.messageCount()).isEqualTo(1);
        assertThat(fromStart.nextBeginOffset()).isEqualTo(1);
        GetMessageResult atDamage = store.getMessage("T", 0, 1, 32, 1 << 20, MessageFilter.ALL);
        assertThat(atDamage.status()).isEqualTo(GetMessageStatus.OFFSET_FOUND_NULL);
        assertThat(atDamage.messages()).isEmpty();
        assertThat(atDamage.nextBeginOffset()).isEqualTo(1);
        assertThat(store.getMessage("T", 0, 2, 32, 1 << 20, MessageFilter.ALL).messageCount())
                .as("what follows stays readable for whoever starts past it").isEqualTo(1);
    }

    @Test
    void tagFilterSkipsNonMatchingEntriesAndMovesTheNextOffset() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        store.putMessage(message("T", 0, "a", "TagA", null, null));
        store.putMessage(message("T", 0, "b", "TagB", null, null));
        store.putMessage(message("T", 0, "c", "TagA", null, null));
        MessageFilter onlyB = code -> code == "TagB".hashCode();
        GetMessageResult r = store.getMessage("T", 0, 0, 32, 1 << 20, onlyB);
        assertThat(bodies(r)).containsExactly("b");
        assertThat(r.nextBeginOffset()).isEqualTo(3);
        GetMessageResult none = store.getMessage("T", 0, 2, 32, 1 << 20, onlyB);
        assertThat(none.status()).isEqualTo(GetMessageStatus.NO_MATCHED_MESSAGE);
        assertThat(none.nextBeginOffset()).isEqualTo(3);
    }

    @Test
    void batchTakesConsecutiveOffsetsAndListsEveryMsgId() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        store.putMessage(message("T", 3, "before"));
        PutMessageResult batch = store.putMessages(List.of(message("T", 3, "b0"), message("T", 3, "b1"),
                message("T", 3, "b2")));
        assertThat(batch.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(batch.queueOffset()).isEqualTo(1);
        assertThat(batch.messageCount()).isEqualTo(3);
        assertThat(batch.msgId().split(",")).hasSize(3);
        assertThat(bodies(store.getMessage("T", 3, 1, 32, 1 << 20, MessageFilter.ALL))).containsExactly("b0", "b1", "b2");
    }

    @Test
    void recordsRollToTheNextSegmentBehindAnEndOfSegmentFiller() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        String big = "x".repeat(3000);
        PutMessageResult a = store.putMessage(message("T", 0, big));
        PutMessageResult b = store.putMessage(message("T", 0, big));
        PutMessageResult c = store.putMessage(message("T", 0, big));
        assertThat(a.physicalOffset()).isZero();
        assertThat(b.physicalOffset()).isEqualTo(a.wroteBytes());
        assertThat(c.physicalOffset()).as("third does not fit: next segment").isEqualTo(8192);
        byte[] seg0 = h.disk.contents("store/commitlog/00000000000000000000");
        ByteBuffer filler = ByteBuffer.wrap(seg0, (int) (b.physicalOffset() + b.wroteBytes()), 8);
        assertThat(filler.getInt()).isEqualTo(8192 - (int) (b.physicalOffset() + b.wroteBytes()));
        assertThat(filler.getInt()).isEqualTo(MessageRecordCodec.BLANK_MAGIC);
        assertThat(h.disk.list("store/commitlog")).containsExactly("00000000000000000000", "00000000000000008192");
        assertThat(store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL).messageCount()).isEqualTo(3);
    }

    @Test
    void rejectsIllegalMessages() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        assertThat(store.putMessage(message("bad/topic", 0, "x")).status()).isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
        assertThat(store.putMessage(message("T", 0, "y".repeat(5000))).status()).isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
        assertThat(store.putMessages(List.of()).status()).isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
        assertThat(store.putMessage(message("T", 0, "z", "Tag\0", null, null)).status())
                .as("NUL in properties would look torn to recovery").isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
        assertThat(store.getMaxPhyOffset()).isZero();
    }

    @Test
    void preparedRecordsAreStoredButNotQueued() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        MessageRecord half = message("T", 0, "half").toBuilder()
                .sysFlag(MessageSysFlag.TRANSACTION_PREPARED_TYPE).build();
        PutMessageResult r = store.putMessage(half);
        assertThat(r.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(r.queueOffset()).isZero();
        assertThat(store.getMaxOffsetInQueue("T", 0)).isZero();
        assertThat(store.putMessage(message("T", 0, "normal")).queueOffset()).isZero();
        assertThat(store.getMessageByOffset(r.physicalOffset()).body()).isEqualTo("half".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void queryByKeyAndUniqKeyRechecksTopicAndKey() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        store.putMessage(message("T", 0, "one", null, "order-1 shared", "U1"));
        store.putMessage(message("T", 1, "two", null, "order-2 shared", "U2"));
        store.putMessage(message("Other", 0, "three", null, "shared", "U3"));
        // "Aa" and "BB" collide on String.hashCode(): the index returns both, the store re-checks.
        store.putMessage(message("T", 0, "aa", null, "Aa", null));
        store.putMessage(message("T", 0, "bb", null, "BB", null));

        assertThat(store.queryMessage("T", "shared", 32, 0, Long.MAX_VALUE).messages())
                .extracting(MessageStoreTest::body).containsExactly("two", "one");
        assertThat(store.queryMessage("T", "U2", 32, 0, Long.MAX_VALUE).messages())
                .extracting(MessageStoreTest::body).containsExactly("two");
        assertThat(store.queryMessage("T", "Aa", 32, 0, Long.MAX_VALUE).messages())
                .extracting(MessageStoreTest::body).containsExactly("aa");
        assertThat(store.queryMessage("T", "shared", 1, 0, Long.MAX_VALUE).messages()).hasSize(1);
        QueryMessageResult none = store.queryMessage("T", "shared", 32, 0, 1000);
        assertThat(none.messages()).isEmpty();
        assertThat(none.indexLastUpdatePhyOffset()).isPositive();
    }

    @Test
    void offsetByTimestampFindsTheFirstMessageStoredAtOrAfterIt() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        long t0 = h.scheduler.clock().wallClockMs();
        for (int i = 0; i < 5; i++) {
            store.putMessage(message("T", 0, "m" + i));
            h.scheduler.advanceMs(1000);
        }
        assertThat(store.getOffsetInQueueByTime("T", 0, t0)).isZero();
        assertThat(store.getOffsetInQueueByTime("T", 0, t0 + 2500)).isEqualTo(3);
        assertThat(store.getOffsetInQueueByTime("T", 0, t0 + 100_000)).isEqualTo(5);
        assertThat(store.getEarliestMessageTime("T", 0)).isEqualTo(t0);
    }

    @Test
    void storeTimestampsNeverGoBackWhenTheWallClockDoes() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        long t1 = store.putMessage(message("T", 0, "a")).storeTimestamp();
        h.scheduler.setWallClockMs(t1 - 60_000);
        assertThat(store.putMessage(message("T", 0, "b")).storeTimestamp()).isEqualTo(t1);
    }

    @Test
    void syncFlushCompletesDurabilityOnlyAfterTheForceAndServesOnlyDurableRecords() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().flushDiskType(FlushDiskType.SYNC_FLUSH).build());
        PutMessageResult r = store.putMessage(message("T", 0, "sync"));
        assertThat(r.durability()).isNotDone();
        assertThat(store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL).status())
                .as("not durable yet, so not visible").isEqualTo(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
        assertThat(store.lookMessageByOffset(0)).isNull();
        h.scheduler.runOffloaded();
        assertThat(r.durability()).isCompletedWithValue(FlushStatus.FLUSHED);
        assertThat(bodies(store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL))).containsExactly("sync");
        assertThat(store.getDurablePhyOffset()).isEqualTo(r.wroteBytes());
    }

    @Test
    void syncFlushTimesOutWithFlushDiskTimeoutButTheMessageStaysStored() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().flushDiskType(FlushDiskType.SYNC_FLUSH).build());
        PutMessageResult r = store.putMessage(message("T", 0, "slow"));
        h.scheduler.advanceTimersOnly(5000);
        assertThat(r.durability()).isCompletedWithValue(FlushStatus.FLUSH_DISK_TIMEOUT);
        h.scheduler.runOffloaded();
        assertThat(store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL).messageCount()).isEqualTo(1);
    }

    @Test
    void asyncFlushMakesRecordsDurableOnTheInterval() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        PutMessageResult r = store.putMessage(message("T", 0, "async"));
        assertThat(store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL).messageCount())
                .as("ASYNC_FLUSH serves page-cache records by default").isEqualTo(1);
        h.scheduler.advanceMs(499);
        assertThat(r.durability()).isNotDone();
        h.scheduler.advanceMs(1);
        assertThat(r.durability()).isCompletedWithValue(FlushStatus.FLUSHED);
    }

    @Test
    void aFailedForceFailsThePutAndTurnsTheStoreReadOnly() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().flushDiskType(FlushDiskType.SYNC_FLUSH).build());
        h.disk.failForceOn(p -> p.startsWith("store/commitlog/"));
        PutMessageResult r = store.putMessage(message("T", 0, "doomed"));
        h.scheduler.runUntilIdle();
        assertThat(r.durability()).isCompletedExceptionally();
        assertThat(store.readOnlyReason()).contains("EIO");
        PutMessageResult later = store.putMessage(message("T", 0, "refused"));
        assertThat(later.status()).isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
        assertThat(later.errorMessage()).contains("read-only");
        assertThat(store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL).messageCount())
                .as("never served: its force failed").isZero();
    }

    @Test
    void aFailedConsumeQueueForceAlsoTurnsTheStoreReadOnly() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        h.disk.failForceOn(p -> p.startsWith("store/consumequeue/"));
        store.putMessage(message("T", 0, "x"));
        h.scheduler.advanceMs(1000);
        assertThat(store.readOnlyReason()).contains("consume-queue");
        assertThat(store.putMessage(message("T", 0, "y")).status()).isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
    }

    @Test
    void statsCountPutsAndGets() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        PutMessageResult r = store.putMessage(message("T", 0, "x"));
        store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL);
        StoreStats stats = store.stats();
        assertThat(stats.putMessageCount()).isEqualTo(1);
        assertThat(stats.putMessageBytes()).isEqualTo(r.wroteBytes());
        assertThat(stats.getMessageFoundCount()).isEqualTo(1);
        assertThat(stats.commitLogMaxOffset()).isEqualTo(r.wroteBytes());
        assertThat(stats.readOnlyReason()).isNull();
    }
}
