package io.gantry.store;

import static io.gantry.store.StoreHarness.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.protocol.message.MessageRecordCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    private static final String SEG0 = "store/commitlog/00000000000000000000";
    @TempDir
    Path tmp;
    private StoreHarness h;
    private final StoreConfig config = StoreHarness.smallConfig().build();

    @BeforeEach
    void setUp() {
        h = new StoreHarness(tmp);
    }

    private static List<String> bodies(GetMessageResult r) {
        List<String> out = new ArrayList<>();
        r.messages().forEach(b -> out.add(new String(MessageRecordCodec.decode(b.duplicate(), true).body(),
                StandardCharsets.UTF_8)));
        return out;
    }

    private List<String> queue(MessageStore store, String topic, int queueId) {
        return bodies(store.getMessage(topic, queueId, store.getMinOffsetInQueue(topic, queueId), 32, 1 << 20,
                MessageFilter.ALL));
    }

    private MessageStore reopen() throws Exception {
        return h.open(config);
    }

    @Test
    void cleanShutdownReopensWithEverythingAndNoAbortMarker() throws Exception {
        MessageStore store = h.open(config);
        for (int i = 0; i < 5; i++) {
            store.putMessage(message("T", i % 2, "m" + i, null, "k" + i, null));
        }
        var done = store.shutdown();
        h.scheduler.runUntilIdle();
        assertThat(done).isCompleted();
        assertThat(h.disk.exists("store/abort")).isFalse();

        MessageStore again = reopen();
        assertThat(again.recoveredTruncatedBytes()).isZero();
        assertThat(queue(again, "T", 0)).containsExactly("m0", "m2", "m4");
        assertThat(queue(again, "T", 1)).containsExactly("m1", "m3");
        assertThat(again.putMessage(message("T", 0, "m5")).queueOffset()).isEqualTo(3);
        assertThat(again.queryMessage("T", "k3", 32, 0, Long.MAX_VALUE).messages()).hasSize(1);
        assertThat(h.disk.exists("store/abort")).isTrue();
    }

    @Test
    void crashWithATornTailTruncatesItAndRebuildsQueuesAndIndex() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "a", null, "ka", null));
        store.flush();
        h.scheduler.runUntilIdle();
        store.checkpointNow();
        h.scheduler.runUntilIdle();
        store.putMessage(message("T", 0, "b", null, "kb", null));
        PutMessageResult c = store.putMessage(message("T", 0, "c", null, "kc", null));
        store.closeWithoutFlush();

        // Power loss tore the last record: only its first 40 bytes reached the disk.
        byte[] seg = h.disk.contents(SEG0);
        int tornAt = (int) c.physicalOffset() + 40;
        h.disk.overwrite(SEG0, Arrays.copyOf(seg, tornAt));

        MessageStore again = reopen();
        assertThat(again.recoveredTruncatedBytes()).isEqualTo(40);
        assertThat(again.getMaxPhyOffset()).isEqualTo(c.physicalOffset());
        assertThat(queue(again, "T", 0)).containsExactly("a", "b");
        assertThat(again.getMaxOffsetInQueue("T", 0)).isEqualTo(2);
        assertThat(again.queryMessage("T", "kb", 32, 0, Long.MAX_VALUE).messages()).hasSize(1);
        assertThat(again.queryMessage("T", "kc", 32, 0, Long.MAX_VALUE).messages()).isEmpty();
        PutMessageResult next = again.putMessage(message("T", 0, "d"));
        assertThat(next.queueOffset()).as("offset 2 is reused only because c never became durable").isEqualTo(2);
        assertThat(next.physicalOffset()).isEqualTo(c.physicalOffset());
        assertThat(queue(again, "T", 0)).containsExactly("a", "b", "d");
    }

    @Test
    void aBadCrcInTheTailIsCutAndNeverServed() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "good"));
        PutMessageResult bad = store.putMessage(message("T", 0, "flipped"));
        store.closeWithoutFlush();
        byte[] seg = h.disk.contents(SEG0);
        // Flip one bit in the body: magic, sizes and fields stay valid, only the CRC catches it.
        int idx = indexOf(seg, "flipped".getBytes(StandardCharsets.UTF_8), (int) bad.physicalOffset());
        assertThat(idx).isPositive();
        seg[idx] ^= 1;
        h.disk.overwrite(SEG0, seg);

        MessageStore again = reopen();
        assertThat(queue(again, "T", 0)).containsExactly("good");
        assertThat(again.lookMessageByOffset(bad.physicalOffset())).isNull();
    }

    @Test
    void aBitFlipPastTheCheckpointWithValidRecordsAfterItIsRefusedNamingFileAndOffset() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "good"));
        PutMessageResult bad = store.putMessage(message("T", 0, "flipped"));
        store.putMessage(message("T", 0, "after-1"));
        store.putMessage(message("T", 0, "after-2"));
        store.closeWithoutFlush();
        byte[] seg = h.disk.contents(SEG0);
        // Rot, not a tear: one bit of the body, with whole records after it that a force may have covered.
        int idx = indexOf(seg, "flipped".getBytes(StandardCharsets.UTF_8), (int) bad.physicalOffset());
        assertThat(idx).isPositive();
        seg[idx] ^= 4;
        h.disk.overwrite(SEG0, seg);

        assertThatThrownBy(this::reopen).isInstanceOf(StoreCorruptionException.class)
                .hasMessageContaining(SEG0).hasMessageContaining("offset " + bad.physicalOffset())
                .hasMessageContaining("body CRC");
    }

    /**
     * Found by the harness (store-sync seed 934): a bit flip in a record's body-length field past
     * the checkpoint made the record undecodable, so recovery took it for a torn write and cut the
     * later records, acknowledged FLUSHED after the flip. Its size, magic and sectors hold and a
     * valid record follows: rot, refused like a body-CRC failure.
     */
    @Test
    void aFlippedBodyLengthWithValidRecordsAfterItIsRefusedAsRot() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "good"));
        PutMessageResult bad = store.putMessage(message("T", 0, "flipped"));
        store.putMessage(message("T", 0, "after-1"));
        store.closeWithoutFlush();
        byte[] seg = h.disk.contents(SEG0);
        int bodyLengthField = indexOf(seg, "flipped".getBytes(StandardCharsets.UTF_8), (int) bad.physicalOffset()) - 4;
        seg[bodyLengthField + 2] ^= 0x01;
        h.disk.overwrite(SEG0, seg);

        assertThatThrownBy(this::reopen).isInstanceOf(StoreCorruptionException.class)
                .hasMessageContaining(SEG0).hasMessageContaining("offset " + bad.physicalOffset())
                .hasMessageContaining("does not decode");
    }

    /** Found by the harness (store-async seed 1173): the same for a flip in the own-offset field. */
    @Test
    void aFlippedOwnOffsetWithValidRecordsAfterItIsRefusedAsRot() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "good"));
        PutMessageResult bad = store.putMessage(message("T", 0, "flipped"));
        store.putMessage(message("T", 0, "after-1"));
        store.closeWithoutFlush();
        byte[] seg = h.disk.contents(SEG0);
        int ownOffsetField = (int) bad.physicalOffset() + MessageRecordCodec.QUEUE_OFFSET_POSITION + 8;
        seg[ownOffsetField + 2] ^= 0x02;
        h.disk.overwrite(SEG0, seg);

        assertThatThrownBy(this::reopen).isInstanceOf(StoreCorruptionException.class)
                .hasMessageContaining(SEG0).hasMessageContaining("offset " + bad.physicalOffset())
                .hasMessageContaining("says it lives at");
    }

    /** Found by the harness (store-async seed 1173): the same for a flip in the magic. */
    @Test
    void aFlippedMagicWithValidRecordsAfterItIsRefusedAsRot() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "good"));
        PutMessageResult bad = store.putMessage(message("T", 0, "flipped"));
        store.putMessage(message("T", 0, "after-1"));
        store.closeWithoutFlush();
        byte[] seg = h.disk.contents(SEG0);
        seg[(int) bad.physicalOffset() + 5] ^= 0x08;
        h.disk.overwrite(SEG0, seg);

        assertThatThrownBy(this::reopen).isInstanceOf(StoreCorruptionException.class)
                .hasMessageContaining(SEG0).hasMessageContaining("offset " + bad.physicalOffset());
    }

    /** Found by the harness (store-async seed 745): the same for a flip in the topic. */
    @Test
    void aFlippedTopicByteWithValidRecordsAfterItIsRefusedAsRot() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "good"));
        PutMessageResult bad = store.putMessage(message("T", 0, "flipped"));
        store.putMessage(message("T", 0, "after-1"));
        store.closeWithoutFlush();
        byte[] seg = h.disk.contents(SEG0);
        int body = indexOf(seg, "flipped".getBytes(StandardCharsets.UTF_8), (int) bad.physicalOffset());
        // Body, then the topic's length byte, then the topic.
        assertThat(seg[body + 8]).isEqualTo((byte) 'T');
        seg[body + 8] ^= 0x40;
        h.disk.overwrite(SEG0, seg);

        assertThatThrownBy(this::reopen).isInstanceOf(StoreCorruptionException.class)
                .hasMessageContaining(SEG0).hasMessageContaining("offset " + bad.physicalOffset())
                .hasMessageContaining("topic or properties");
    }

    @Test
    void aRecordWithASectorRevertedToZerosIsCutEvenWithWholeRecordsAfterIt() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "kept"));
        PutMessageResult torn = store.putMessage(message("T", 0, "x".repeat(1500)));
        store.putMessage(message("T", 0, "survived-1"));
        store.putMessage(message("T", 0, "survived-2"));
        store.closeWithoutFlush();
        // Power loss: one unforced sector inside the body reverted to the zeros of fresh space,
        // while the later (never acknowledged) records' sectors made it to disk whole.
        byte[] seg = h.disk.contents(SEG0);
        int sector = (int) ((torn.physicalOffset() + 511) / 512 * 512);
        assertThat(sector + 512).isLessThan((int) torn.physicalOffset() + torn.wroteBytes());
        Arrays.fill(seg, sector, sector + 512, (byte) 0);
        h.disk.overwrite(SEG0, seg);

        MessageStore again = reopen();
        assertThat(queue(again, "T", 0)).containsExactly("kept");
        assertThat(again.getMaxPhyOffset()).isEqualTo(torn.physicalOffset());
        assertThat(again.recoveredTruncatedBytes()).isEqualTo(seg.length - torn.physicalOffset());
    }

    @Test
    void corruptionBelowTheDurableOffsetIsRefusedNamingFileAndOffset() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "first"));
        PutMessageResult second = store.putMessage(message("T", 0, "second"));
        store.putMessage(message("T", 0, "third"));
        store.shutdown();
        h.scheduler.runUntilIdle();
        byte[] seg = h.disk.contents(SEG0);
        // Bit rot in the magic of a record that was acknowledged durable.
        seg[(int) second.physicalOffset() + 4] ^= 0x10;
        h.disk.overwrite(SEG0, seg);
        // A checkpoint saying everything is durable but the queues cover nothing, so recovery re-reads it.
        new Checkpoint(h.disk, "store").store(new CheckpointData(0, 0, 0, seg.length, 0, 0));

        assertThatThrownBy(this::reopen).isInstanceOf(StoreCorruptionException.class)
                .hasMessageContaining(SEG0).hasMessageContaining("offset " + second.physicalOffset());
    }

    @Test
    void tornConsumeQueueEntriesAfterTheCheckpointAreRebuilt() throws Exception {
        MessageStore store = h.open(config);
        for (int i = 0; i < 3; i++) {
            store.putMessage(message("T", 0, "m" + i));
        }
        store.flush();
        h.scheduler.runUntilIdle();
        store.checkpointNow();
        h.scheduler.runUntilIdle();
        for (int i = 3; i < 6; i++) {
            store.putMessage(message("T", 0, "m" + i));
        }
        store.flush();
        h.scheduler.runUntilIdle();
        store.closeWithoutFlush();
        // The queue file lost its last two entries and has zeros for the one before.
        String cq = "store/consumequeue/T/0/00000000000000000000";
        byte[] entries = h.disk.contents(cq);
        byte[] torn = Arrays.copyOf(entries, 4 * 20);
        Arrays.fill(torn, 3 * 20, 4 * 20, (byte) 0);
        h.disk.overwrite(cq, torn);

        MessageStore again = reopen();
        assertThat(queue(again, "T", 0)).containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
        assertThat(again.putMessage(message("T", 0, "m6")).queueOffset()).isEqualTo(6);
    }

    /**
     * The crash-consistency property's case (ASYNC_FLUSH, seed 99, case 5288 with the disk-full
     * operation): retention deleted commit-log segment 0, then a power loss took the queue's
     * entries for the deleted records, and there was no checkpoint past them. Recovery
     * re-dispatched the first surviving record (queue offset 2) into a queue ending at 0, found it
     * "does not fit its queue" and cut the commit log there, losing acknowledged records. The log
     * is the truth: the queue must skip the entries nothing can rebuild, and keep every record.
     */
    @Test
    void aQueueThatLostEntriesOfDeletedRecordsSkipsThemInsteadOfCuttingTheLog() throws Exception {
        MessageStore store = h.open(config);
        String big = "x".repeat(3000);
        store.putMessage(message("T", 0, big + 0));
        store.putMessage(message("T", 0, big + 1));
        PutMessageResult third = store.putMessage(message("T", 0, big + 2));
        assertThat(third.physicalOffset()).as("rolled to segment 1").isEqualTo(8192);
        store.putMessage(message("T", 0, "small"));
        store.flush();
        h.scheduler.runUntilIdle();
        store.closeWithoutFlush();
        // What retention and the power loss left: segment 0 gone, the queue's entries gone, and no
        // checkpoint that covers anything (so recovery re-reads from the oldest segment).
        h.disk.delete("store/commitlog/00000000000000000000");
        h.disk.overwrite("store/consumequeue/T/0/00000000000000000000", new byte[0]);
        h.disk.delete("store/checkpoint");

        MessageStore again = reopen();
        assertThat(again.recoveredTruncatedBytes()).as("nothing cut from the log").isZero();
        assertThat(again.getMaxPhyOffset()).isEqualTo(store.getMaxPhyOffset());
        assertThat(again.getMinOffsetInQueue("T", 0)).as("the lost entries count as removed").isEqualTo(2);
        assertThat(again.getMaxOffsetInQueue("T", 0)).isEqualTo(4);
        assertThat(queue(again, "T", 0)).containsExactly(big + 2, "small");
        assertThat(again.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL).status())
                .isEqualTo(GetMessageStatus.OFFSET_TOO_SMALL);
        assertThat(again.putMessage(message("T", 0, "next")).queueOffset()).as("no offset reused").isEqualTo(4);

        // The placeholders survive a further crash and recovery as they are.
        again.flush();
        h.scheduler.runUntilIdle();
        again.closeWithoutFlush();
        MessageStore afterSecondCrash = reopen();
        assertThat(afterSecondCrash.getMinOffsetInQueue("T", 0)).isEqualTo(2);
        assertThat(queue(afterSecondCrash, "T", 0)).containsExactly(big + 2, "small", "next");
    }

    /**
     * Found by the harness (store-sync seed 625): a bit flip in the queue-offset field of a record
     * past the checkpoint (the body CRC does not cover it) made the record claim queue offset
     * 2^50 in an empty queue; recovery took that for lost entries and wrote placeholders until the
     * disk filled, then did it again at every restart. A gap larger than the records that fit
     * before the record is damage; cutting there would drop later acknowledged records (seed 819),
     * so recovery refuses, naming file and offset, as for other rot.
     */
    @Test
    void aQueueOffsetFlippedFarPastTheQueueEndIsRefusedNotFilled() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "kept"));
        PutMessageResult damaged = store.putMessage(message("T", 1, "damaged"));
        store.putMessage(message("T", 1, "after"));
        store.closeWithoutFlush();
        byte[] seg = h.disk.contents(SEG0);
        int field = (int) damaged.physicalOffset() + MessageRecordCodec.QUEUE_OFFSET_POSITION;
        seg[field + 1] ^= 0x04;
        h.disk.overwrite(SEG0, seg);

        assertThatThrownBy(this::reopen).isInstanceOf(StoreCorruptionException.class)
                .hasMessageContaining(SEG0).hasMessageContaining("offset " + damaged.physicalOffset())
                .hasMessageContaining("queue offset " + (1L << 50));
    }

    @Test
    void recoveryAcrossSegmentsWithFillers() throws Exception {
        MessageStore store = h.open(config);
        String big = "y".repeat(2500);
        for (int i = 0; i < 7; i++) {
            store.putMessage(message("T", 0, big + i));
        }
        store.closeWithoutFlush();
        MessageStore again = reopen();
        assertThat(again.getMaxOffsetInQueue("T", 0)).isEqualTo(7);
        assertThat(h.disk.list("store/commitlog")).hasSizeGreaterThan(2);
        GetMessageResult r = again.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL);
        assertThat(r.messageCount()).isEqualTo(7);
        assertThat(again.putMessage(message("T", 0, "after")).queueOffset()).isEqualTo(7);
    }

    @Test
    void aFillerWithNothingAfterItIsDroppedAndRewritten() throws Exception {
        MessageStore store = h.open(config);
        String big = "z".repeat(3000);
        store.putMessage(message("T", 0, big));
        store.putMessage(message("T", 0, big));
        PutMessageResult third = store.putMessage(message("T", 0, big)); // rolls to segment 2
        store.closeWithoutFlush();
        h.disk.delete("store/commitlog/00000000000000008192");

        MessageStore again = reopen();
        assertThat(again.getMaxOffsetInQueue("T", 0)).isEqualTo(2);
        PutMessageResult redo = again.putMessage(message("T", 0, big));
        assertThat(redo.physicalOffset()).isEqualTo(third.physicalOffset());
        assertThat(redo.queueOffset()).isEqualTo(2);
    }

    @Test
    void aRecordWhosePropertiesSectorWasLostIsCut() throws Exception {
        MessageStore store = h.open(config);
        store.putMessage(message("T", 0, "kept"));
        PutMessageResult torn = store.putMessage(message("T", 0, "body", "TagA", "k".repeat(600), null));
        store.closeWithoutFlush();
        // The sector holding the tail of the properties reverted to zeros; header and body survived.
        byte[] seg = h.disk.contents(SEG0);
        int end = (int) torn.physicalOffset() + torn.wroteBytes();
        Arrays.fill(seg, end - 300, end, (byte) 0);
        h.disk.overwrite(SEG0, seg);

        MessageStore again = reopen();
        assertThat(queue(again, "T", 0)).containsExactly("kept");
        assertThat(again.getMaxPhyOffset()).isEqualTo(torn.physicalOffset());
    }

    @Test
    void aDamagedIndexFileIsDeletedAndRebuiltFromTheCommitLog() throws Exception {
        MessageStore store = h.open(config);
        for (int i = 0; i < 4; i++) {
            store.putMessage(message("T", 0, "m" + i, null, "key" + i, null));
        }
        store.flush();
        h.scheduler.runUntilIdle();
        store.checkpointNow();
        h.scheduler.runUntilIdle();
        store.closeWithoutFlush();
        List<String> indexFiles = h.disk.list("store/index");
        assertThat(indexFiles).isNotEmpty();
        String newest = "store/index/" + indexFiles.get(indexFiles.size() - 1);
        byte[] damaged = h.disk.contents(newest);
        Arrays.fill(damaged, 32, 40, (byte) 0xFF); // hashSlotCount and indexCount nonsense
        h.disk.overwrite(newest, damaged);

        MessageStore again = reopen();
        for (int i = 0; i < 4; i++) {
            assertThat(again.queryMessage("T", "key" + i, 32, 0, Long.MAX_VALUE).messages()).hasSize(1);
        }
    }

    @Test
    void aDamagedIndexFileIsRebuiltAfterACleanShutdownToo() throws Exception {
        MessageStore store = h.open(config);
        for (int i = 0; i < 4; i++) {
            store.putMessage(message("T", 0, "m" + i, null, "key" + i, null));
        }
        store.shutdown();
        h.scheduler.runUntilIdle();
        List<String> indexFiles = h.disk.list("store/index");
        String oldest = "store/index/" + indexFiles.get(0);
        byte[] damaged = h.disk.contents(oldest);
        Arrays.fill(damaged, 32, 40, (byte) 0xFF);
        h.disk.overwrite(oldest, damaged);

        MessageStore again = reopen();
        for (int i = 0; i < 4; i++) {
            assertThat(again.queryMessage("T", "key" + i, 32, 0, Long.MAX_VALUE).messages()).hasSize(1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
