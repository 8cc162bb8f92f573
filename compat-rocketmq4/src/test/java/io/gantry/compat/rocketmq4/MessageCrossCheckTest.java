package io.gantry.compat.rocketmq4;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.compat.common.GantryChoices;
import io.gantry.protocol.message.BatchEntry;
import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageBatchCodec;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageIds;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.simulation.choice.Choices;
import io.gantry.simulation.choice.PropertyRunner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageId;
import org.junit.jupiter.api.Test;

/**
 * Stored message records, batch bodies, offsetMsgIds and properties strings: Gantry's
 * {@code io.gantry.protocol.message} codecs against the official 4.9.8 {@link MessageDecoder},
 * both directions.
 */
class MessageCrossCheckTest {

    static final int CASES = 2_000;
    /** At most 120 UTF-8 bytes: 4.9.8 reads only V1 records, whose topic length is one signed byte. */
    static final int MAX_TOPIC_CHARS = 40;
    static final boolean IPV6 = true;

    static MessageRecord record(Choices c) {
        Map<String, String> properties = GantryChoices.properties(c, 4);
        if (c.bool()) {
            properties.put(MessageConst.PROPERTY_KEYS, GantryChoices.text(c));
        }
        if (c.bool()) {
            properties.put(MessageConst.PROPERTY_TAGS, GantryChoices.text(c));
        }
        if (c.bool()) {
            properties.put(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, GantryChoices.nonEmpty(c, "0123456789ABCDEF", 32));
        }
        return MessageRecord.builder()
                .topic(GantryChoices.nonEmpty(c, GantryChoices.TEXT_ALPHABET, MAX_TOPIC_CHARS))
                .queueId(c.intBetween(0, Integer.MAX_VALUE))
                .flag(c.intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE))
                .queueOffset(c.longBetween(0, Long.MAX_VALUE))
                .commitLogOffset(c.longBetween(0, Long.MAX_VALUE))
                .sysFlag(c.intBetween(0, 0xFF) & ~0x1) // not COMPRESSED: the official decoder would inflate
                .bornTimestamp(c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE))
                .bornHost(GantryChoices.host(c, IPV6))
                .storeTimestamp(c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE))
                .storeHost(GantryChoices.host(c, IPV6))
                .reconsumeTimes(c.intBetween(0, Integer.MAX_VALUE))
                .preparedTransactionOffset(c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE))
                .body(c.bytes(256))
                .properties(properties)
                .build();
    }

    @Test
    void gantryRecordsDecodeWithTheOfficialDecoder() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("4.9.8: Gantry record -> official decode", c -> {
            MessageRecord record = record(c);
            c.note("record " + record);

            MessageExt decoded = MessageDecoder.decode(ByteBuffer.wrap(MessageRecordCodec.encode(record)), true, false);

            assertSameMessage(decoded, record, false);
        });
    }

    @Test
    void severalGantryRecordsDecodeAsOnePullBody() {
        PropertyRunner.fromSystemProperties().withCases(CASES / 4).check("4.9.8: Gantry pull body -> official decodes", c -> {
            List<MessageRecord> records = c.listOf(1, 5, MessageCrossCheckTest::record);
            ByteBuffer body = ByteBuffer.allocate(records.stream().mapToInt(MessageRecord::storeSize).sum());
            records.forEach(r -> MessageRecordCodec.encodeTo(r, body));

            List<MessageExt> decoded = MessageDecoder.decodes(body.flip());

            assertThat(decoded).hasSameSizeAs(records);
            for (int i = 0; i < records.size(); i++) {
                assertSameMessage(decoded.get(i), records.get(i), true);
            }
        });
    }

    @Test
    void officialRecordsDecodeWithGantry() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("4.9.8: official record -> Gantry decode", c -> {
            MessageRecord expected = record(c);
            MessageExt official = toOfficial(expected);
            c.note("official " + official);

            byte[] bytes = MessageDecoder.encode(official, false);

            assertThat(MessageRecordCodec.decode(ByteBuffer.wrap(bytes), true)).isEqualTo(expected);
            assertThat(MessageRecordCodec.encode(expected)).as("identical bytes").isEqualTo(bytes);
        });
    }

    @Test
    void gantryBatchBodiesDecodeWithTheOfficialDecoder() throws Exception {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("4.9.8: Gantry batch -> official decodeMessages", c -> {
            List<BatchEntry> entries = c.listOf(0, 5, x -> new BatchEntry(x.intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE),
                    x.bytes(64), MessageProperties.encode(GantryChoices.properties(x, 3))));
            c.note("entries " + entries);

            List<Message> decoded = MessageDecoder.decodeMessages(ByteBuffer.wrap(MessageBatchCodec.encode(entries)));

            assertThat(decoded).hasSameSizeAs(entries);
            for (int i = 0; i < entries.size(); i++) {
                assertThat(decoded.get(i).getFlag()).isEqualTo(entries.get(i).flag());
                assertThat(decoded.get(i).getBody()).isEqualTo(entries.get(i).body());
                assertThat(decoded.get(i).getProperties()).isEqualTo(entries.get(i).properties());
            }
        });
    }

    @Test
    void officialBatchBodiesDecodeWithGantry() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("4.9.8: official encodeMessages -> Gantry batch", c -> {
            List<Message> messages = new ArrayList<>();
            int count = c.intBetween(1, 5);
            for (int i = 0; i < count; i++) {
                Message message = new Message();
                message.setFlag(c.intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE));
                message.setBody(c.bytes(64));
                MessageAccessor.setProperties(message, GantryChoices.properties(c, 3));
                messages.add(message);
            }
            byte[] official = MessageDecoder.encodeMessages(messages);

            List<BatchEntry> decoded = MessageBatchCodec.decode(official);

            assertThat(decoded).hasSameSizeAs(messages);
            List<BatchEntry> sameEntries = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                assertThat(decoded.get(i).flag()).isEqualTo(m.getFlag());
                assertThat(decoded.get(i).body()).isEqualTo(m.getBody());
                assertThat(decoded.get(i).properties()).isEqualTo(m.getProperties());
                sameEntries.add(new BatchEntry(m.getFlag(), m.getBody(), MessageDecoder.messageProperties2String(m.getProperties())));
            }
            assertThat(MessageBatchCodec.encode(sameEntries)).as("identical bytes").isEqualTo(official);
        });
    }

    @Test
    void offsetMsgIdsAgree() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("4.9.8: offsetMsgId both ways", c -> {
            HostAddress host = GantryChoices.host(c, IPV6);
            long offset = c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE);
            c.note("host " + host + " offset " + offset);

            String gantry = MessageIds.offsetMsgId(host, offset);
            String official = MessageDecoder.createMessageId(socketAddress(host), offset);
            MessageId officialDecoded = MessageDecoder.decodeMessageId(gantry);
            MessageIds.OffsetMsgId gantryDecoded = MessageIds.decodeOffsetMsgId(official);

            assertThat(gantry).isEqualTo(official);
            assertThat(officialDecoded.getAddress()).isEqualTo(socketAddress(host));
            assertThat(officialDecoded.getOffset()).isEqualTo(offset);
            assertThat(gantryDecoded.storeHost()).isEqualTo(host);
            assertThat(gantryDecoded.commitLogOffset()).isEqualTo(offset);
        });
    }

    @Test
    void propertiesStringsAgree() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("4.9.8: properties string both ways", c -> {
            Map<String, String> properties = GantryChoices.properties(c, 6);
            c.note("properties " + properties);

            String gantry = MessageProperties.encode(properties);
            String official = MessageDecoder.messageProperties2String(properties);

            assertThat(MessageDecoder.string2messageProperties(gantry)).isEqualTo(properties);
            assertThat(MessageProperties.decode(official)).isEqualTo(properties);
            assertThat(gantry).isEqualTo(official);
        });
    }

    @Test
    void propertiesEdgeCasesDecodeAlike() {
        // no separator, empty name, empty value, trailing and doubled separators, 0x01 inside a value, a repeated name
        for (String text : List.of("", "ab", "a\u0001", "\u0001b", "a\u0001b\u0002", "a\u0001b\u0002\u0002c\u0001d",
                "a\u0001b\u0001c", "a\u0001b\u0002a\u0001c", "\u0002a\u0001b")) {
            assertThat(MessageProperties.decode(text)).as("%s", text.replace("\u0001", "<1>").replace("\u0002", "<2>"))
                    .isEqualTo(MessageDecoder.string2messageProperties(text));
        }
    }

    static MessageRecord withTopic(String topic) {
        return MessageRecord.builder().topic(topic).bornHost(HostAddress.parse("10.0.0.9:53422"))
                .storeHost(HostAddress.parse("10.0.0.5:10911")).body(new byte[] {1, 2, 3}).build();
    }

    @Test
    void topicsUpTo127BytesTakeTheV1LayoutThatAllVersionsRead() throws Exception {
        MessageRecord longest = withTopic("t".repeat(MessageRecordCodec.MAX_V1_TOPIC_BYTES));
        byte[] v1 = MessageRecordCodec.encode(longest);

        assertThat(ByteBuffer.wrap(v1).getInt(4)).isEqualTo(MessageRecordCodec.MAGIC_V1);
        assertSameMessage(MessageDecoder.decode(ByteBuffer.wrap(v1), true, false), longest, false);
        // One byte more needs the V2 layout (two-byte topic length), which 4.9.8 cannot read.
        byte[] v2 = MessageRecordCodec.encode(withTopic("t".repeat(MessageRecordCodec.MAX_V1_TOPIC_BYTES + 1)));
        assertThat(ByteBuffer.wrap(v2).getInt(4)).isEqualTo(MessageRecordCodec.MAGIC_V2);
    }

    // ---- helpers ----

    /**
     * Field by field. The official decoder leaves an empty body and empty properties null. A
     * client-side decode ({@code decodes}) makes the msgId the UNIQ_KEY when there is one.
     */
    static void assertSameMessage(MessageExt decoded, MessageRecord record, boolean clientSide) throws UnknownHostException {
        assertThat(decoded.getStoreSize()).isEqualTo(record.storeSize());
        assertThat(decoded.getBodyCRC()).isEqualTo(record.bodyCrc());
        assertThat(decoded.getTopic()).isEqualTo(record.topic());
        assertThat(decoded.getQueueId()).isEqualTo(record.queueId());
        assertThat(decoded.getFlag()).isEqualTo(record.flag());
        assertThat(decoded.getQueueOffset()).isEqualTo(record.queueOffset());
        assertThat(decoded.getCommitLogOffset()).isEqualTo(record.commitLogOffset());
        assertThat(decoded.getSysFlag()).isEqualTo(record.sysFlag());
        assertThat(decoded.getBornTimestamp()).isEqualTo(record.bornTimestamp());
        assertThat(decoded.getBornHost()).isEqualTo(socketAddress(record.bornHost()));
        assertThat(decoded.getStoreTimestamp()).isEqualTo(record.storeTimestamp());
        assertThat(decoded.getStoreHost()).isEqualTo(socketAddress(record.storeHost()));
        assertThat(decoded.getReconsumeTimes()).isEqualTo(record.reconsumeTimes());
        assertThat(decoded.getPreparedTransactionOffset()).isEqualTo(record.preparedTransactionOffset());
        assertThat(decoded.getBody() == null ? new byte[0] : decoded.getBody()).isEqualTo(record.body());
        assertThat(decoded.getProperties() == null ? Map.of() : decoded.getProperties()).isEqualTo(record.properties());
        assertThat(decoded.getKeys()).isEqualTo(record.property(MessageConst.PROPERTY_KEYS));
        assertThat(decoded.getTags()).isEqualTo(record.property(MessageConst.PROPERTY_TAGS));
        String uniqKey = record.property(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        assertThat(decoded.getMsgId()).isEqualTo(clientSide && uniqKey != null ? uniqKey : record.offsetMsgId());
        if (clientSide) {
            assertThat(((org.apache.rocketmq.common.message.MessageClientExt) decoded).getOffsetMsgId())
                    .isEqualTo(record.offsetMsgId());
        }
    }

    static MessageExt toOfficial(MessageRecord record) throws UnknownHostException {
        MessageExt m = new MessageExt();
        m.setTopic(record.topic());
        m.setQueueId(record.queueId());
        m.setFlag(record.flag());
        m.setQueueOffset(record.queueOffset());
        m.setCommitLogOffset(record.commitLogOffset());
        m.setSysFlag(record.sysFlag());
        m.setBornTimestamp(record.bornTimestamp());
        m.setBornHost(socketAddress(record.bornHost()));
        m.setStoreTimestamp(record.storeTimestamp());
        m.setStoreHost(socketAddress(record.storeHost()));
        m.setReconsumeTimes(record.reconsumeTimes());
        m.setPreparedTransactionOffset(record.preparedTransactionOffset());
        m.setBody(record.body());
        m.setBodyCRC(record.bodyCrc());
        MessageAccessor.setProperties(m, new LinkedHashMap<>(record.properties()));
        return m;
    }

    static InetSocketAddress socketAddress(HostAddress host) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByAddress(host.ip()), host.port());
    }
}
