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

/**
 * The pull path's cheap record check ({@link CommitLog#isIntactRecord}) against the full decode it replaces,
 * and reads of several records per positional read.
 */
class RecordSpanReadTest {
    @TempDir
    Path tmp;
    private StoreHarness h;

    @BeforeEach
    void setUp() {
        h = new StoreHarness(tmp);
    }

    /** What {@link CommitLog#readRecord} accepts: a full decode with CRC, the right offset, plausible text. */
    private static boolean fullDecodeAccepts(ByteBuffer record, long offset) {
        MessageRecord decoded = CommitLog.decodeOrNull(record.duplicate(), true);
        return decoded != null && decoded.commitLogOffset() == offset
                && CommitLog.plausibleText(decoded);
    }

    private static ByteBuffer encoded(MessageRecord template, long offset) {
        MessageRecord r = template.toBuilder().commitLogOffset(offset).queueOffset(7).storeTimestamp(1_700_000_000_123L)
                .body(template.body()).build();
        return ByteBuffer.wrap(MessageRecordCodec.encode(r));
    }

    @Test
    void everySingleByteFlipIsJudgedAsTheFullDecodeJudgesIt() {
        List<MessageRecord> templates = List.of(
                message("TopicA", 1, "hello body", "TagA", "k1 k2", "UNIQ1"),
                message("T", 0, ""),
                message("Bench_Topic-1%x|y", 3, "x".repeat(300), null, "key", null),
                message("T6", 2, "v6 hosts").toBuilder().sysFlag(MessageSysFlag.BORNHOST_V6_FLAG
                        | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG)
                        .bornHost(io.gantry.protocol.message.HostAddress.of(new byte[16], 1))
                        .storeHost(io.gantry.protocol.message.HostAddress.of(new byte[16], 2)).build());
        long offset = 4096;
        int judged = 0;
        int rejected = 0;
        for (MessageRecord template : templates) {
            ByteBuffer intact = encoded(template, offset);
            assertThat(CommitLog.isIntactRecord(intact.duplicate(), offset)).isTrue();
            assertThat(CommitLog.isIntactRecord(intact.duplicate(), offset + 1)).as("wrong offset").isFalse();
            byte[] bytes = intact.array();
            for (int i = 0; i < bytes.length; i++) {
                for (int bit : new int[] {0x01, 0x80, 0xFF}) {
                    byte[] damaged = bytes.clone();
                    damaged[i] ^= (byte) bit;
                    ByteBuffer record = ByteBuffer.wrap(damaged);
                    boolean expected = fullDecodeAccepts(record, offset);
                    assertThat(CommitLog.isIntactRecord(record.duplicate(), offset))
                            .as("byte %d xor 0x%x of a %d-byte record", i, bit, bytes.length).isEqualTo(expected);
                    judged++;
                    rejected += expected ? 0 : 1;
                }
            }
        }
        assertThat(rejected).as("most flips outside the unchecked fields are damage").isGreaterThan(judged / 4);
    }

    @Test
    void aCheckOfARecordInsideALargerBufferLooksOnlyAtItsOwnBytes() {
        ByteBuffer one = encoded(message("TopicA", 0, "body"), 100);
        ByteBuffer padded = ByteBuffer.allocate(one.remaining() + 20);
        padded.position(10);
        padded.put(one.duplicate());
        ByteBuffer view = padded.slice(10, one.remaining());
        assertThat(CommitLog.isIntactRecord(view, 100)).isTrue();
        ByteBuffer positioned = padded.duplicate().position(10).limit(10 + one.remaining());
        assertThat(CommitLog.isIntactRecord(positioned, 100)).isTrue();
    }

    @Test
    void pullsOfInterleavedQueuesReturnTheSameRecordsAsSingleReads() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        int perQueue = 300;
        for (int i = 0; i < perQueue; i++) {
            for (int q = 0; q < 4; q++) {
                store.putMessage(message("T", q, "m-" + q + "-" + i + "-" + "p".repeat(i % 37)));
            }
        }
        for (int q = 0; q < 4; q++) {
            List<String> bodies = new ArrayList<>();
            long next = 0;
            while (next < perQueue) {
                GetMessageResult r = store.getMessage("T", q, next, 32, 256 * 1024, MessageFilter.ALL);
                assertThat(r.status()).isEqualTo(GetMessageStatus.FOUND);
                for (ByteBuffer b : r.messages()) {
                    MessageRecord decoded = MessageRecordCodec.decode(b.duplicate(), true);
                    assertThat(store.lookMessageByOffset(decoded.commitLogOffset())).isEqualTo(b);
                    bodies.add(new String(decoded.body(), StandardCharsets.UTF_8));
                }
                assertThat(r.nextBeginOffset()).isEqualTo(next + r.messageCount());
                next = r.nextBeginOffset();
            }
            assertThat(bodies).hasSize(perQueue);
            for (int i = 0; i < perQueue; i++) {
                assertThat(bodies.get(i)).isEqualTo("m-" + q + "-" + i + "-" + "p".repeat(i % 37));
            }
        }
    }

    @Test
    void aDamagedRecordInTheMiddleOfASpanEndsThePullBeforeIt() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        List<PutMessageResult> puts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            puts.add(store.putMessage(message("T", 0, "body number " + i + " ".repeat(40))));
            store.putMessage(message("Other", 0, "between"));
        }
        String segment = "store/commitlog/00000000000000000000";
        byte[] bytes = h.disk.contents(segment);
        bytes[(int) puts.get(6).physicalOffset() + 8] ^= 0x04; // the body CRC field
        h.disk.overwrite(segment, bytes);

        GetMessageResult first = store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL);
        assertThat(first.status()).isEqualTo(GetMessageStatus.FOUND);
        assertThat(first.messageCount()).isEqualTo(6);
        assertThat(first.nextBeginOffset()).isEqualTo(6);
        GetMessageResult atDamage = store.getMessage("T", 0, 6, 32, 1 << 20, MessageFilter.ALL);
        assertThat(atDamage.status()).isEqualTo(GetMessageStatus.OFFSET_FOUND_NULL);
        assertThat(atDamage.nextBeginOffset()).isEqualTo(6);
        assertThat(store.getMessage("T", 0, 7, 32, 1 << 20, MessageFilter.ALL).messageCount()).isEqualTo(3);
    }

    @Test
    void aFilterThatSkipsMoreThanOneScanBatchStillFindsTheMatch() throws Exception {
        MessageStore store = h.open(StoreHarness.smallConfig().build());
        for (int i = 0; i < 200; i++) {
            store.putMessage(message("T", 0, "skip " + i, "TagA", null, null));
        }
        store.putMessage(message("T", 0, "wanted", "TagB", null, null));
        MessageFilter onlyB = code -> code == "TagB".hashCode();
        GetMessageResult r = store.getMessage("T", 0, 0, 1, 1 << 20, onlyB);
        assertThat(r.status()).isEqualTo(GetMessageStatus.FOUND);
        assertThat(r.messageCount()).isEqualTo(1);
        assertThat(r.nextBeginOffset()).isEqualTo(201);
    }
}
