package io.gantry.property.store;

import static io.gantry.property.store.StoreFaultScenariosTest.config;
import static io.gantry.property.store.StoreFaultScenariosTest.message;
import static io.gantry.property.store.StoreFaultScenariosTest.readQueue;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.store.FlushDiskType;
import io.gantry.store.FlushStatus;
import io.gantry.store.GetMessageResult;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import io.gantry.store.PutMessageResult;
import io.gantry.store.PutMessageStatus;
import io.gantry.store.StoreConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ENOSPC and early retention, found by the crash-consistency property once it could shrink the
 * disk (its disk-nearly-full operation, now part of the default run): a refused put's
 * partial write recovered as a record, and a store that refused to open after a failed append at
 * a segment end; an acknowledged record cut by recovery after retention and a power loss; a store
 * left unable to reopen after a torn record at a segment start was cut; and a queue offset reused
 * after retention and a power loss. All fixed; each test names the property case that found it.
 */
class DiskFullTest {

    private static List<Integer> ids(GetMessageResult r) {
        List<Integer> out = new ArrayList<>();
        for (ByteBuffer b : r.messages()) {
            MessageRecord m = MessageRecordCodec.decode(b.duplicate(), true);
            out.add(Integer.parseInt(m.property(ModelMessage.ID_PROPERTY)));
        }
        return out;
    }

    /**
     * The disk has room for the first record of a batch but not the second. The seam writes the
     * prefix that fits and throws; the put is refused (CREATE_MAPPED_FILE_FAILED) and the write
     * position stays, but the prefix stays in the segment file past it. At the next start the
     * write position is taken from the file size, and recovery serves the refused record: a
     * phantom message the producer was told was not stored (and will likely send again).
     * Property: ASYNC_FLUSH, seed -1307046194679564910, case 131. Fixed in SegmentedFile.append.
     */
    @Test
    void aPutRefusedForLackOfSpaceNeverAppearsAfterARestart() throws Exception {
        SimStoreNode node = new SimStoreNode(5, config(FlushDiskType.SYNC_FLUSH));
        MessageStore store = node.open();
        PutMessageResult first = node.onLoop(() -> store.putMessage(message(1)));
        node.await(first.durability(), 10_000);
        assertThat(first.durability()).isCompletedWithValue(FlushStatus.FLUSHED);

        int recordBytes = message(2).storeSize();
        node.disk().setCapacityBytes(node.disk().bytesUsed() + recordBytes + 8);
        PutMessageResult refused = node.onLoop(() -> store.putMessages(List.of(message(2), message(3))));
        assertThat(refused.status()).isEqualTo(PutMessageStatus.CREATE_MAPPED_FILE_FAILED);
        node.disk().setCapacityBytes(1L << 30);

        node.cleanShutdownAndRestart();
        node.open();
        assertThat(ids(readQueue(node))).as("only the stored message").containsExactly(1);
    }

    /**
     * The record does not fit the rest of segment 0, so the end-of-segment filler is written and
     * the write position moves to segment 1, but the record's write there fails (no space). A
     * force then covers up to the start of segment 1 and the checkpoint says so; after a clean
     * shutdown, recovery finds the log ending at the filler ("filler at the end of the log, below
     * the durable offset 4096 in the checkpoint") and refuses to open: the store cannot restart
     * after a disk-full error. Property: ASYNC_FLUSH, seed -1307046194679564910, case 131 (its
     * first failure before shrinking). Fixed: recovery accepts a log ending in an intact filler
     * up to the segment end (CommitLog.ScanEnd.validThrough).
     */
    @Test
    void aStoreThatRanOutOfSpaceAtASegmentEndReopens() throws Exception {
        SimStoreNode node = new SimStoreNode(6, config(FlushDiskType.SYNC_FLUSH));
        MessageStore store = node.open();
        List<Integer> stored = new ArrayList<>();
        int id = 1;
        while (node.onLoop(store::getMaxPhyOffset) + 2L * message(id).storeSize() + 8 <= 4096) {
            int i = id++;
            PutMessageResult put = node.onLoop(() -> store.putMessage(message(i)));
            node.await(put.durability(), 10_000);
            assertThat(put.durability()).isCompletedWithValue(FlushStatus.FLUSHED);
            stored.add(i);
        }
        // Room for the filler only.
        node.disk().setCapacityBytes(node.disk().bytesUsed() + 8);
        int big = id;
        PutMessageResult refused = node.onLoop(() -> store.putMessage(
                message(big).toBuilder().body(new byte[600]).build()));
        assertThat(refused.status()).isEqualTo(PutMessageStatus.CREATE_MAPPED_FILE_FAILED);
        node.disk().setCapacityBytes(1L << 30);

        assertThat(node.cleanShutdownAndRestart()).isTrue();
        MessageStore reopened = node.open();
        List<Integer> found = new ArrayList<>();
        long offset = 0;
        while (offset < node.onLoop(() -> reopened.getMaxOffsetInQueue("TopicA", 0))) {
            long from = offset;
            GetMessageResult r = node.onLoop(() -> reopened.getMessage("TopicA", 0, from, 32, 1 << 20,
                    MessageFilter.ALL));
            found.addAll(ids(r));
            offset = r.nextBeginOffset();
        }
        assertThat(found).containsExactlyElementsOf(stored);
        PutMessageResult next = node.onLoop(() -> reopened.putMessage(message(big)));
        assertThat(next.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(next.queueOffset()).isEqualTo(stored.size());
    }

    /**
     * Found by the property with the disk-nearly-full operation (ASYNC_FLUSH, seed
     * -1307046194679564910, case 546; minimal notes: fill commit-log segment 0, put #22 at offset
     * 4096 and see it acknowledged durable, cut the disk to what is used, let retention run, lose
     * power). Retention deletes segment 0 and the consume-queue segments pointing into it; the
     * power loss takes back the newest consume-queue entries (not yet checkpointed). Recovery
     * re-dispatches #22 with queue offset 21 into a queue that now ends lower, finds it "does not
     * fit its queue", treats it as torn because it lies past the checkpoint's physicOffset, and
     * cuts the commit log there: an acknowledged-durable message is lost. The commit log is the
     * source of truth; a queue that lost derived entries should be rebuilt, not the log cut.
     * Property: also ASYNC_FLUSH with the durable-read rule, seed 99, case 5288. Fixed twice over:
     * retention forces the consume queues before deleting the records they point to, and recovery
     * skips a queue forward over entries it cannot rebuild instead of cutting the log (the
     * second is tested in the store's RecoveryTest).
     */
    /**
     * Found by the property with the disk-nearly-full operation (ASYNC_FLUSH, seed 99, case 36):
     * a failed put after the end-of-segment filler left the write position, and so a force and
     * the checkpoint, at the next segment's start. The next record there was torn by a crash;
     * recovery cut it by deleting its segment file, so nothing on disk recorded that the log
     * reaches the boundary, and the next open took the end from the previous file and refused:
     * "the checkpoint says ... durable up to offset 4096 but it ends at ...". Fixed in
     * SegmentedFile.truncateTo: a cut at a segment start keeps that segment as an empty file, and
     * the force that makes the cut durable covers it.
     */
    @Test
    void aStoreWhoseTornRecordAtASegmentStartWasCutReopensAgain() throws Exception {
        StoreConfig config = config(FlushDiskType.ASYNC_FLUSH).toBuilder().flushIntervalCommitLog(200)
                .flushIntervalConsumeQueue(1000).build();
        SimStoreNode node = new SimStoreNode(7, config);
        MessageStore store = node.open();
        int id = 1;
        while (node.onLoop(store::getMaxPhyOffset) + 2L * message(id).storeSize() + 8 <= 4096) {
            int i = id++;
            assertThat(node.onLoop(() -> store.putMessage(message(i))).status()).isEqualTo(PutMessageStatus.PUT_OK);
        }
        // Room for the filler only: the put fails after moving the write position to 4096.
        node.disk().setCapacityBytes(node.disk().bytesUsed() + 8);
        int big = id++;
        assertThat(node.onLoop(() -> store.putMessage(message(big).toBuilder().body(new byte[600]).build())).status())
                .isEqualTo(PutMessageStatus.CREATE_MAPPED_FILE_FAILED);
        node.disk().setCapacityBytes(1L << 30);
        node.advance(1100);
        assertThat(node.onLoop(store::getDurablePhyOffset)).as("a force covered the filler").isEqualTo(4096);

        int torn = id;
        MessageRecord record = message(torn).toBuilder().body(new byte[200]).build();
        PutMessageResult put = node.onLoop(() -> store.putMessage(record));
        assertThat(put.physicalOffset()).isEqualTo(4096);
        // The crash leaves the record with a body its CRC does not match.
        node.disk().flipBit("store/commitlog/00000000000000004096", 8L * (put.wroteBytes() - 120));
        node.crashAndRestart();
        MessageStore recovered = node.open();
        assertThat(node.onLoop(recovered::recoveredTruncatedBytes)).as("recovery cut the torn record").isPositive();
        assertThat(node.onLoop(recovered::getMaxPhyOffset)).isEqualTo(4096);

        assertThat(node.cleanShutdownAndRestart()).isTrue();
        MessageStore reopened = node.open();
        assertThat(node.onLoop(reopened::getMaxPhyOffset)).isEqualTo(4096);
        PutMessageResult next = node.onLoop(() -> reopened.putMessage(message(torn)));
        assertThat(next.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(next.physicalOffset()).isEqualTo(4096);
        assertThat(next.queueOffset()).isEqualTo(torn - 2);
    }

    /**
     * Found by the property with the disk-nearly-full operation (unshrunk: ASYNC_FLUSH with the
     * durable-read rule, seed 99, case 5288): TopicA/2 offset 0 went to a new message after
     * retention deleted its previous owner and a power loss followed. The queue's only entry was
     * not yet forced, so the power loss took it (and the queue's directory) while the record it
     * pointed to was gone: nothing was left to say the queue had reached offset 1, and its next
     * offset fell back to 0. Fixed in RetentionService: the consume queues are forced before the
     * records their entries point to are deleted.
     */
    @Test
    void aQueueWhoseRecordsAllExpiredKeepsItsNextOffsetThroughAPowerLoss() throws Exception {
        StoreConfig config = config(FlushDiskType.ASYNC_FLUSH).toBuilder().flushIntervalCommitLog(200)
                .flushIntervalConsumeQueue(1000).cleanResourceInterval(300).build();
        SimStoreNode node = new SimStoreNode(8, config);
        MessageStore store = node.open();
        PutMessageResult only = node.onLoop(() -> store.putMessage(message(1).toBuilder().queueId(2).build()));
        assertThat(only.queueOffset()).isZero();
        int id = 2;
        while (node.onLoop(store::getMaxPhyOffset) <= 4096) {
            int i = id++;
            assertThat(node.onLoop(() -> store.putMessage(message(i))).status()).isEqualTo(PutMessageStatus.PUT_OK);
        }
        node.advance(250);
        assertThat(node.onLoop(store::getDurablePhyOffset)).isGreaterThan(4096);
        node.disk().setCapacityBytes(node.disk().bytesUsed());
        node.advance(400);
        assertThat(node.onLoop(store::getMinPhyOffset)).as("retention deleted segment 0").isEqualTo(4096);

        node.powerLossAndRestart();
        node.disk().setCapacityBytes(1L << 30);
        MessageStore reopened = node.open();
        assertThat(node.onLoop(() -> reopened.getMaxOffsetInQueue("TopicA", 2))).isEqualTo(1);
        int nextId = id;
        PutMessageResult next = node.onLoop(() -> reopened.putMessage(message(nextId).toBuilder().queueId(2).build()));
        assertThat(next.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(next.queueOffset()).as("offset 0 belonged to the expired message").isEqualTo(1);
    }

    @Test
    void anAcknowledgedRecordSurvivesRetentionFollowedByPowerLoss() throws Exception {
        StoreConfig config = config(FlushDiskType.ASYNC_FLUSH).toBuilder().flushIntervalCommitLog(200)
                .flushIntervalConsumeQueue(1000).cleanResourceInterval(300).build();
        SimStoreNode node = new SimStoreNode(0, config);
        MessageStore store = node.open();
        int id = 1;
        while (node.onLoop(store::getMaxPhyOffset) < 4096) {
            int i = id++;
            PutMessageResult put = node.onLoop(() -> store.putMessage(message(i)));
            assertThat(put.status()).isEqualTo(PutMessageStatus.PUT_OK);
        }
        int last = id - 1;
        PutMessageResult lastPut = node.onLoop(() -> store.putMessage(message(last + 1)));
        node.await(lastPut.durability(), 10_000);
        assertThat(lastPut.durability()).isCompletedWithValue(FlushStatus.FLUSHED);
        node.disk().setCapacityBytes(node.disk().bytesUsed());
        node.advance(301);
        long min = node.onLoop(store::getMinPhyOffset);
        assertThat(min).as("retention deleted segment 0").isGreaterThan(0);

        node.powerLossAndRestart();
        node.disk().setCapacityBytes(1L << 30);
        MessageStore reopened = node.open();
        long[] range = node.onLoop(() -> new long[] {reopened.getMinPhyOffset(), reopened.getMaxPhyOffset(),
            reopened.recoveredTruncatedBytes()});
        assertThat(node.onLoop(() -> reopened.lookMessageByOffset(lastPut.physicalOffset())))
                .as("the acknowledged record at %d; the commit log holds [%d, %d) after cutting %d bytes",
                        lastPut.physicalOffset(), range[0], range[1], range[2]).isNotNull();
    }
}
