package io.gantry.protocol.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.message.BatchEntry;
import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageBatchCodec;
import io.gantry.protocol.message.MessageIds;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.remoting.RemotingCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every golden vector (written by the official 4.9.8 codec, see {@code docs/protocol.md})
 * with Gantry and checks the fields the index describes; where the index says Gantry's output is
 * byte-identical, re-encodes and compares the bytes.
 */
class GoldenVectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    static Stream<JsonNode> vectors() throws IOException {
        List<JsonNode> list = new ArrayList<>();
        index().get("vectors").forEach(list::add);
        return list.stream();
    }

    @Test
    void theIndexCoversTheAgreedSet() throws IOException {
        List<String> names = vectors().map(v -> v.get("name").asText()).toList();

        assertThat(names).contains("get_max_offset_request_json", "get_max_offset_request_rocketmq",
                "send_message_v2_request_json", "send_message_v2_request_rocketmq", "pull_message_request_json",
                "pull_message_response_found_json", "pull_body_two_records", "heart_beat_request_json",
                "get_routeinfo_response_json", "register_broker_request_json", "batch_body_two_messages",
                "offset_msg_id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void gantryDecodesTheVector(JsonNode vector) throws Exception {
        byte[] bytes = hex(vector.get("file").asText());
        switch (vector.get("kind").asText()) {
            case "frame" -> checkFrame(vector, bytes);
            case "message-records" -> checkRecords(vector, bytes);
            case "batch-body" -> checkBatch(vector, bytes);
            case "offset-msg-id" -> checkOffsetMsgId(vector, new String(bytes, StandardCharsets.US_ASCII));
            default -> throw new AssertionError("unknown kind in index: " + vector.get("kind"));
        }
    }

    private static void checkFrame(JsonNode v, byte[] frame) throws Exception {
        assertThat(ByteBuffer.wrap(frame).getInt()).as("length prefix").isEqualTo(frame.length - 4);
        RemotingCommand command = RemotingCodec.decode(ByteBuffer.wrap(frame, 4, frame.length - 4).slice());

        assertThat(command.serializeType().name()).isEqualTo(v.get("serializeType").asText());
        assertThat(command.code()).isEqualTo(v.get("code").asInt());
        assertThat(command.flag()).isEqualTo(v.get("flag").asInt());
        assertThat(command.opaque()).isEqualTo(v.get("opaque").asInt());
        assertThat(command.version()).isEqualTo(v.get("version").asInt());
        assertThat(command.language().name()).isEqualTo(v.get("language").asText());
        assertThat(command.remark()).isEqualTo(v.get("remark").isNull() ? null : v.get("remark").asText());
        assertThat(command.extFields()).isEqualTo(textMap(v.get("extFields")));
        assertThat(command.bodyLength()).isEqualTo(v.get("bodyLength").asInt());
        if (v.has("bodyHex")) {
            assertThat(command.body()).isEqualTo(HEX.parseHex(v.get("bodyHex").asText()));
        }
        if (!v.get("headerType").isNull()) {
            checkHeader(command, v.get("headerType").asText());
        }
        if (v.has("body")) {
            JsonNode body = v.get("body");
            Class<?> type = Class.forName("io.gantry.protocol.body." + body.get("type").asText());
            Object decoded = RemotingJson.decode(command.body(), type);
            assertThat(JSON.readTree(RemotingJson.encode(decoded))).isEqualTo(body.get("fields"));
            if (body.get("gantryReencodesIdentically").asBoolean()) {
                assertThat(RemotingJson.encode(decoded)).isEqualTo(command.body());
            } else {
                assertThat(body.get("whyNot").asText()).isNotBlank();
            }
        }
        if (v.get("gantryReencodesIdentically").asBoolean()) {
            assertThat(bytes(RemotingCodec.encodeWithLengthPrefix(command))).isEqualTo(frame);
        }
    }

    /** The typed header decodes, and each of its non-null fields is what extFields says. */
    @SuppressWarnings("unchecked")
    private static void checkHeader(RemotingCommand command, String headerType) throws Exception {
        Class<? extends Record> type = (Class<? extends Record>) Class.forName("io.gantry.protocol.header." + headerType);
        Record header = command.decodeHeader(type);
        int set = 0;
        for (RecordComponent component : type.getRecordComponents()) {
            Object value = component.getAccessor().invoke(header);
            String wire = command.extField(component.getName());
            if (wire != null) {
                assertThat(String.valueOf(value)).as(component.getName()).isEqualTo(wire);
                set++;
            }
        }
        assertThat(set).as("header fields found in extFields").isPositive();
    }

    private static void checkRecords(JsonNode v, byte[] body) {
        List<MessageRecord> records = MessageRecordCodec.decodeAll(ByteBuffer.wrap(body));
        JsonNode expected = v.get("records");
        assertThat(records).hasSize(expected.size());
        for (int i = 0; i < records.size(); i++) {
            MessageRecord r = records.get(i);
            JsonNode e = expected.get(i);
            assertThat(r.storeSize()).isEqualTo(e.get("storeSize").asInt());
            assertThat(r.bodyCrc()).isEqualTo(e.get("bodyCrc").asInt());
            assertThat(r.bodyCrc()).as("CRC matches body").isEqualTo(MessageRecordCodec.bodyCrc(r.body()));
            assertThat(r.queueId()).isEqualTo(e.get("queueId").asInt());
            assertThat(r.flag()).isEqualTo(e.get("flag").asInt());
            assertThat(r.queueOffset()).isEqualTo(e.get("queueOffset").asLong());
            assertThat(r.commitLogOffset()).isEqualTo(e.get("commitLogOffset").asLong());
            assertThat(r.sysFlag()).isEqualTo(e.get("sysFlag").asInt());
            assertThat(r.bornTimestamp()).isEqualTo(e.get("bornTimestamp").asLong());
            assertThat(r.bornHost()).isEqualTo(HostAddress.parse(e.get("bornHost").asText()));
            assertThat(r.storeTimestamp()).isEqualTo(e.get("storeTimestamp").asLong());
            assertThat(r.storeHost()).isEqualTo(HostAddress.parse(e.get("storeHost").asText()));
            assertThat(r.reconsumeTimes()).isEqualTo(e.get("reconsumeTimes").asInt());
            assertThat(r.preparedTransactionOffset()).isEqualTo(e.get("preparedTransactionOffset").asLong());
            assertThat(r.topic()).isEqualTo(e.get("topic").asText());
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(e.get("bodyUtf8").asText());
            assertThat(r.properties()).isEqualTo(textMap(e.get("properties")));
            assertThat(r.offsetMsgId()).isEqualTo(e.get("offsetMsgId").asText());
        }
        if (v.get("gantryReencodesIdentically").asBoolean()) {
            ByteBuffer again = ByteBuffer.allocate(body.length);
            records.forEach(r -> MessageRecordCodec.encodeTo(r, again));
            assertThat(again.array()).isEqualTo(body);
        }
    }

    private static void checkBatch(JsonNode v, byte[] body) {
        List<BatchEntry> entries = MessageBatchCodec.decode(body);
        JsonNode expected = v.get("entries");
        assertThat(entries).hasSize(expected.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).flag()).isEqualTo(expected.get(i).get("flag").asInt());
            assertThat(new String(entries.get(i).body(), StandardCharsets.UTF_8))
                    .isEqualTo(expected.get(i).get("bodyUtf8").asText());
            assertThat(entries.get(i).properties()).isEqualTo(textMap(expected.get(i).get("properties")));
        }
        if (v.get("gantryReencodesIdentically").asBoolean()) {
            assertThat(MessageBatchCodec.encode(entries)).isEqualTo(body);
        }
    }

    private static void checkOffsetMsgId(JsonNode v, String fileText) {
        String id = v.get("offsetMsgId").asText();
        assertThat(fileText.strip()).isEqualToIgnoringCase(id);
        MessageIds.OffsetMsgId decoded = MessageIds.decodeOffsetMsgId(id);
        HostAddress host = HostAddress.parse(v.get("storeHost").asText());

        assertThat(decoded.storeHost()).isEqualTo(host);
        assertThat(decoded.commitLogOffset()).isEqualTo(v.get("commitLogOffset").asLong());
        if (v.get("gantryReencodesIdentically").asBoolean()) {
            assertThat(MessageIds.offsetMsgId(host, v.get("commitLogOffset").asLong())).isEqualTo(id);
        }
    }

    // ---- helpers ----

    private static JsonNode index() throws IOException {
        try (InputStream in = resource("index.json")) {
            return JSON.readTree(in);
        }
    }

    /** The bytes of a .hex file (whitespace ignored). */
    private static byte[] hex(String file) throws IOException {
        try (InputStream in = resource(file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s+", "");
            return file.equals("offset_msg_id.hex") ? text.getBytes(StandardCharsets.US_ASCII) : HEX.parseHex(text);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = GoldenVectorTest.class.getResourceAsStream("/golden/" + name);
        assertThat(in).as("resource golden/" + name).isNotNull();
        return in;
    }

    private static Map<String, String> textMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
