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
import io.gantry.store.MessageStore;
import io.gantry.store.PutMessageResult;
import io.gantry.store.PutMessageStatus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * ENOSPC on commit-log appends, found by the crash-consistency property once it could shrink the
 * disk (its disk-nearly-full operation, on with {@code -Dgantry.prop.store.diskFull=true}). The
 * first is fixed (a failed append cuts its partial write); the second is open, so its test is
 * disabled: remove {@code @Disabled} once the store handles it.
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
     * first failure before shrinking).
     */
    @Test
    @Disabled("store bug: a failed append after the end-of-segment filler leaves a store that refuses to open")
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
        node.open();
        assertThat(ids(readQueue(node))).containsExactlyElementsOf(stored);
    }
}
