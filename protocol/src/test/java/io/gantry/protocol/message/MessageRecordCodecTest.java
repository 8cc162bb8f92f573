package io.gantry.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.protocol.remoting.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRecordCodecTest {

    /** The record example of the reference (§4.1), produced by the 4.9.8 codec. */
    private static final String REFERENCE_RECORD =
            "0000006b daa320a7 0000007b 00000001 00000000 0000000000000005 0000000000001234 00000000"
            + " 0000018bcfe56800 0a000001 0000c350 0000018bcfe56801 0a000002 00002a9f 00000000 0000000000000000"
            + " 00000002 6869 01 54 000d 61 01 62 02 54414753 01 54616741";

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    private static MessageRecord.Builder sample() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("a", "b");
        properties.put(MessageConst.PROPERTY_TAGS, "TagA");
        return MessageRecord.builder()
                .topic("T").queueId(1).queueOffset(5).commitLogOffset(0x1234)
                .bornTimestamp(0x18bcfe56800L).bornHost(HostAddress.parse("10.0.0.1:50000"))
                .storeTimestamp(0x18bcfe56801L).storeHost(HostAddress.parse("10.0.0.2:10911"))
                .body("hi".getBytes(StandardCharsets.UTF_8))
                .properties(properties);
    }

    @Test
    void decodesTheReferenceRecord() {
        ByteBuffer in = ByteBuffer.wrap(hex(REFERENCE_RECORD));
        MessageRecord record = MessageRecordCodec.decode(in);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(record.storeSize()).isEqualTo(0x6b);
        assertThat(record.topic()).isEqualTo("T");
        assertThat(record.queueId()).isEqualTo(1);
        assertThat(record.queueOffset()).isEqualTo(5);
        assertThat(record.commitLogOffset()).isEqualTo(0x1234);
        assertThat(record.bornHost()).hasToString("10.0.0.1:50000");
        assertThat(record.storeHost()).hasToString("10.0.0.2:10911");
        assertThat(record.storeTimestamp() - record.bornTimestamp()).isEqualTo(1);
        assertThat(record.body()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(record.properties()).containsExactly(Map.entry("a", "b"), Map.entry("TAGS", "TagA"));
        assertThat(record.bodyCrc()).isEqualTo(0x7b);
        assertThat(record).isEqualTo(sample().bodyCrc(0x7b).build());
    }

    @Test
    void encodesTheReferenceRecordByteForByte() {
        assertThat(MessageRecordCodec.encode(sample().bodyCrc(0x7b).build())).isEqualTo(hex(REFERENCE_RECORD));
    }

    @Test
    void bodyCrcIsComputedAndCheckedOnRequest() {
        MessageRecord record = sample().build();
        assertThat(record.bodyCrc()).isEqualTo(MessageRecordCodec.bodyCrc("hi".getBytes(StandardCharsets.UTF_8)));
        assertThat(record.bodyCrc()).isNotNegative();
        byte[] good = MessageRecordCodec.encode(record);
        assertThat(MessageRecordCodec.decode(ByteBuffer.wrap(good), true)).isEqualTo(record);
        // The reference record carries CRC 0x7b, which is not the body's CRC.
        assertThatThrownBy(() -> MessageRecordCodec.decode(ByteBuffer.wrap(hex(REFERENCE_RECORD)), true))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("CRC");
    }

    @Test
    void roundTripsIpv6HostsAndSetsTheirFlags() {
        byte[] v6 = new byte[16];
        v6[0] = (byte) 0xfd;
        v6[15] = 2;
        MessageRecord record = sample().bornHost(HostAddress.of(v6, 1234)).sysFlag(MessageSysFlag.TRANSACTION_COMMIT_TYPE).build();
        assertThat(MessageSysFlag.isBornHostV6(record.sysFlag())).isTrue();
        assertThat(MessageSysFlag.isStoreHostV6(record.sysFlag())).isFalse();
        assertThat(MessageSysFlag.transactionType(record.sysFlag())).isEqualTo(MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        byte[] bytes = MessageRecordCodec.encode(record);
        assertThat(bytes).hasSize(record.storeSize()).hasSize(0x6b + 12);
        assertThat(MessageRecordCodec.decode(ByteBuffer.wrap(bytes))).isEqualTo(record);
        assertThat(ByteBuffer.wrap(bytes).getLong(MessageRecordCodec.storeTimestampPosition(record.sysFlag())))
                .isEqualTo(record.storeTimestamp());
    }

    @Test
    void writesV1ForShortTopicsAndV2ForLongOnes() {
        byte[] v1 = MessageRecordCodec.encode(sample().topic("t".repeat(127)).build());
        assertThat(ByteBuffer.wrap(v1).getInt(4)).isEqualTo(MessageRecordCodec.MAGIC_V1);
        MessageRecord longTopic = sample().topic("t".repeat(200)).build();
        assertThat(longTopic.needsV2()).isTrue();
        byte[] v2 = MessageRecordCodec.encode(longTopic);
        assertThat(ByteBuffer.wrap(v2).getInt(4)).isEqualTo(MessageRecordCodec.MAGIC_V2);
        assertThat(MessageRecordCodec.decode(ByteBuffer.wrap(v2))).isEqualTo(longTopic);
    }

    @Test
    void decodesConcatenatedRecordsAsInAPullBody() {
        MessageRecord first = sample().build();
        MessageRecord second = sample().queueOffset(6).commitLogOffset(0x1234 + first.storeSize()).body(new byte[1000]).build();
        ByteBuffer body = ByteBuffer.allocate(first.storeSize() + second.storeSize());
        MessageRecordCodec.encodeTo(first, body);
        MessageRecordCodec.encodeTo(second, body);
        assertThat(MessageRecordCodec.decodeAll(body.flip())).containsExactly(first, second);
        assertThat(ByteBuffer.wrap(MessageRecordCodec.encode(second)).getLong(MessageRecordCodec.QUEUE_OFFSET_POSITION)).isEqualTo(6);
    }

    @Test
    void rejectsDamagedRecordsWithoutMovingThePosition() {
        byte[] good = hex(REFERENCE_RECORD);
        assertRejected(ByteBuffer.wrap(good, 0, 50), "total size");
        byte[] badMagic = good.clone();
        badMagic[4] = 0;
        assertRejected(ByteBuffer.wrap(badMagic), "magic");
        byte[] blank = ByteBuffer.allocate(8).putInt(100).putInt(MessageRecordCodec.BLANK_MAGIC).array();
        assertRejected(ByteBuffer.wrap(blank), "end-of-file");
        byte[] hugeBody = good.clone();
        ByteBuffer.wrap(hugeBody).putInt(84, Integer.MAX_VALUE);
        assertRejected(ByteBuffer.wrap(hugeBody), "body length");
        byte[] negativeProps = good.clone();
        ByteBuffer.wrap(negativeProps).putShort(92, (short) -1);
        assertRejected(ByteBuffer.wrap(negativeProps), "properties length");
        byte[] slack = ByteBuffer.allocate(good.length + 4).putInt(good.length + 4).put(good, 4, good.length - 4).array();
        assertRejected(ByteBuffer.wrap(slack), "bytes after");
        byte[] v6FlagWithoutRoom = good.clone();
        ByteBuffer.wrap(v6FlagWithoutRoom).putInt(MessageRecordCodec.SYSFLAG_POSITION, 0x30);
        assertRejected(ByteBuffer.wrap(v6FlagWithoutRoom), "record");
        assertRejected(ByteBuffer.wrap(new byte[3]), "8 bytes");
    }

    private static void assertRejected(ByteBuffer in, String reason) {
        int position = in.position();
        assertThatThrownBy(() -> MessageRecordCodec.decode(in)).isInstanceOf(ProtocolException.class).hasMessageContaining(reason);
        assertThat(in.position()).isEqualTo(position);
    }

    @Test
    void propertiesEncodeAndParseLeniently() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("KEYS", "k1 k2");
        properties.put("skipped", null);
        properties.put("TAGS", "TagA");
        String text = MessageProperties.encode(properties);
        assertThat(text).isEqualTo("KEYS\u0001k1 k2\u0002TAGS\u0001TagA");
        assertThat(MessageProperties.decode(text + "\u0002")).containsExactly(Map.entry("KEYS", "k1 k2"), Map.entry("TAGS", "TagA"));
        assertThat(MessageProperties.decode("a\u0001\u0002\u0001b\u0002ab\u0002x\u0001y\u0001z")).containsExactly(Map.entry("x", "y\u0001z"));
        assertThat(MessageProperties.decode(null)).isEmpty();
        assertThat(MessageProperties.with(text, "TAGS", "TagB")).isEqualTo("KEYS\u0001k1 k2\u0002TAGS\u0001TagB");
        assertThat(MessageProperties.without(text, "KEYS")).isEqualTo("TAGS\u0001TagA");
    }

    @Test
    void batchBodyMatchesTheReferenceEntry() {
        byte[] entry = hex("00000032 00000000 00000000 00000000 00000001 78 001b 4b455953 01 6b31 02 57414954 01 74727565 02 54414753 01 54616741");
        List<BatchEntry> entries = MessageBatchCodec.decode(entry);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).flag()).isZero();
        assertThat(entries.get(0).body()).containsExactly('x');
        assertThat(entries.get(0).properties()).containsExactly(
                Map.entry("KEYS", "k1"), Map.entry("WAIT", "true"), Map.entry("TAGS", "TagA"));
        assertThat(MessageBatchCodec.encode(entries)).isEqualTo(entry);
    }

    @Test
    void batchRoundTripsAndRejectsBadLengths() {
        List<BatchEntry> entries = List.of(new BatchEntry(1, new byte[] {1, 2}, "UNIQ_KEY\u0001A"),
                new BatchEntry(0, new byte[0], ""), new BatchEntry(7, new byte[300], "a\u0001b"));
        byte[] body = MessageBatchCodec.encode(entries);
        assertThat(MessageBatchCodec.decode(body)).containsExactlyElementsOf(entries);
        byte[] tooLong = body.clone();
        ByteBuffer.wrap(tooLong).putInt(0, body.length + 1);
        assertThatThrownBy(() -> MessageBatchCodec.decode(tooLong)).isInstanceOf(ProtocolException.class).hasMessageContaining("total size");
        byte[] badBodyLength = body.clone();
        ByteBuffer.wrap(badBodyLength).putInt(16, -5);
        assertThatThrownBy(() -> MessageBatchCodec.decode(badBodyLength)).isInstanceOf(ProtocolException.class).hasMessageContaining("body length");
        assertThatThrownBy(() -> MessageBatchCodec.decode(new byte[] {0, 0, 0})).isInstanceOf(ProtocolException.class);
    }

    @Test
    void tagsCodeIsTheStringHash() {
        assertThat(TagsCode.of("TagA")).isEqualTo(2598919L).isEqualTo(0x27A807L);
        assertThat(TagsCode.of(null)).isZero();
        assertThat(TagsCode.of("")).isZero();
    }

    @Test
    void sysFlagHelpers() {
        int prepared = MessageSysFlag.withTransactionType(MessageSysFlag.COMPRESSED_FLAG, MessageSysFlag.TRANSACTION_PREPARED_TYPE);
        assertThat(prepared).isEqualTo(5);
        assertThat(MessageSysFlag.skipsConsumeQueue(prepared)).isTrue();
        assertThat(MessageSysFlag.skipsConsumeQueue(MessageSysFlag.TRANSACTION_COMMIT_TYPE)).isFalse();
        assertThat(MessageSysFlag.skipsConsumeQueue(MessageSysFlag.TRANSACTION_ROLLBACK_TYPE)).isTrue();
        assertThat(MessageSysFlag.withTransactionType(prepared, MessageSysFlag.TRANSACTION_NOT_TYPE)).isEqualTo(1);
        assertThat(MessageSysFlag.isCompressed(prepared)).isTrue();
    }
}
