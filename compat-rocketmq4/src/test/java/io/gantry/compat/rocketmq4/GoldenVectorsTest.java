package io.gantry.compat.rocketmq4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.message.BatchEntry;
import io.gantry.protocol.message.MessageBatchCodec;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.remoting.RemotingCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.rocketmq.common.DataVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.protocol.RequestCode;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.common.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.common.protocol.body.TopicConfigSerializeWrapper;
import org.apache.rocketmq.common.protocol.header.GetMaxOffsetRequestHeader;
import org.apache.rocketmq.common.protocol.header.GetMaxOffsetResponseHeader;
import org.apache.rocketmq.common.protocol.header.PullMessageRequestHeader;
import org.apache.rocketmq.common.protocol.header.PullMessageResponseHeader;
import org.apache.rocketmq.common.protocol.header.SendMessageRequestHeaderV2;
import org.apache.rocketmq.common.protocol.header.SendMessageResponseHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.common.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData;
import org.apache.rocketmq.common.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.common.protocol.heartbeat.ProducerData;
import org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.CommandCustomHeader;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;
import org.junit.jupiter.api.Test;

/**
 * Produces the golden vectors in {@code protocol/src/test/resources/golden/} with the OFFICIAL
 * 4.9.8 codec, and checks that the committed files are exactly what it produces.
 *
 * <p>Regenerate (after changing this class on purpose) with
 * {@code ./mvnw -B -q -pl compat-rocketmq4 -am verify -Dtest=GoldenVectorsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dgantry.golden.write=true}; without the property the
 * test only compares, so a drifting official codec or an edited vector fails the build.
 *
 * <p>Every input is fixed (opaque, version, timestamps, hosts), so the output is deterministic.
 * The index also records, per vector, whether Gantry re-encodes the decoded value to the same
 * bytes; that flag is computed here by running Gantry, and a vector where it is false must say why.
 */
class GoldenVectorsTest {

    static final String WRITE_PROPERTY = "gantry.golden.write";
    static final Path GOLDEN_DIR = Path.of("..", "protocol", "src", "test", "resources", "golden");
    static final int VERSION = 409;
    static final String PRODUCER = "Apache RocketMQ 4.9.8 (rocketmq-remoting / rocketmq-common)";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final HexFormat HEX = HexFormat.of();

    private final Map<String, byte[]> files = new TreeMap<>();
    private final ArrayNode index = JSON.createArrayNode();

    @Test
    void committedVectorsAreWhatTheOfficialCodecProduces() throws Exception {
        generateAll();
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.createDirectories(GOLDEN_DIR);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(GOLDEN_DIR.resolve(file.getKey()), file.getValue());
            }
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path committed = GOLDEN_DIR.resolve(file.getKey());
            assertThat(committed).as("missing; regenerate with -D%s=true", WRITE_PROPERTY).exists();
            assertThat(new String(Files.readAllBytes(committed), StandardCharsets.UTF_8))
                    .as("%s differs from the official codec's output; regenerate with -D%s=true", file.getKey(), WRITE_PROPERTY)
                    .isEqualTo(new String(file.getValue(), StandardCharsets.UTF_8));
        }
        try (var listing = Files.list(GOLDEN_DIR)) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList())
                    .as("files in golden/ that the generator does not produce")
                    .containsExactlyInAnyOrderElementsOf(files.keySet());
        }
    }

    private void generateAll() throws Exception {
        for (SerializeType type : SerializeType.values()) {
            String suffix = "_" + type.name().toLowerCase();

            GetMaxOffsetRequestHeader maxOffset = new GetMaxOffsetRequestHeader();
            maxOffset.setTopic("TopicTest");
            maxOffset.setQueueId(1);
            frame("get_max_offset_request" + suffix, "GET_MAX_OFFSET (30) request",
                    request(RequestCode.GET_MAX_OFFSET, maxOffset, type, 7), "GetMaxOffsetRequestHeader", null, null);

            GetMaxOffsetResponseHeader maxOffsetResponse = new GetMaxOffsetResponseHeader();
            maxOffsetResponse.setOffset(1234L);
            frame("get_max_offset_response" + suffix, "GET_MAX_OFFSET (30) response, SUCCESS",
                    response(ResponseCode.SUCCESS, maxOffsetResponse, type, 7, null), "GetMaxOffsetResponseHeader", null, null);

            RemotingCommand send = request(RequestCode.SEND_MESSAGE_V2, sendHeader(), type, 8);
            send.setBody("Hello Gantry".getBytes(StandardCharsets.UTF_8));
            frame("send_message_v2_request" + suffix, "SEND_MESSAGE_V2 (310) request, 12-byte body",
                    send, "SendMessageRequestHeaderV2", null, null);

            PullMessageRequestHeader pull = new PullMessageRequestHeader();
            pull.setConsumerGroup("ConsumerGroupTest");
            pull.setTopic("TopicTest");
            pull.setQueueId(0);
            pull.setQueueOffset(10L);
            pull.setMaxMsgNums(32);
            pull.setSysFlag(3); // commit offset + suspend
            pull.setCommitOffset(8L);
            pull.setSuspendTimeoutMillis(15_000L);
            pull.setSubscription("TagA || TagB");
            pull.setSubVersion(1_763_790_000_000L);
            pull.setExpressionType("TAG");
            frame("pull_message_request" + suffix, "PULL_MESSAGE (11) request",
                    request(RequestCode.PULL_MESSAGE, pull, type, 9), "PullMessageRequestHeader", null, null);
        }

        SendMessageResponseHeader sendResponse = new SendMessageResponseHeader();
        sendResponse.setMsgId(MessageDecoder.createMessageId(host("10.0.0.5", 10911), 4096));
        sendResponse.setQueueId(3);
        sendResponse.setQueueOffset(42L);
        frame("send_message_response_json", "SEND_MESSAGE_V2 response, SUCCESS",
                response(ResponseCode.SUCCESS, sendResponse, SerializeType.JSON, 8, null), "SendMessageResponseHeader", null, null);

        byte[] pullBody = pullBodyTwoRecords();
        records("pull_body_two_records", "PULL_MESSAGE response body: two stored records back to back", pullBody);
        PullMessageResponseHeader pulled = new PullMessageResponseHeader();
        pulled.setSuggestWhichBrokerId(0L);
        pulled.setNextBeginOffset(12L);
        pulled.setMinOffset(0L);
        pulled.setMaxOffset(12L);
        RemotingCommand pullResponse = response(ResponseCode.SUCCESS, pulled, SerializeType.JSON, 9, "FOUND");
        pullResponse.setBody(pullBody);
        frame("pull_message_response_found_json", "PULL_MESSAGE response, SUCCESS/FOUND, body = pull_body_two_records",
                pullResponse, "PullMessageResponseHeader", null, null);

        RemotingCommand heartbeat = request(RequestCode.HEART_BEAT, null, SerializeType.JSON, 10);
        heartbeat.setBody(heartbeatData().encode());
        frame("heart_beat_request_json", "HEART_BEAT (34) request with a HeartbeatData body",
                heartbeat, null, "HeartbeatData",
                "Gantry writes the same fields, but orders set elements and may differ in set iteration order");

        GetRouteInfoRequestHeader routeRequest = new GetRouteInfoRequestHeader();
        routeRequest.setTopic("TopicTest");
        frame("get_routeinfo_request_json", "GET_ROUTEINFO_BY_TOPIC (105) request",
                request(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeRequest, SerializeType.JSON, 11), "GetRouteInfoRequestHeader", null, null);
        RemotingCommand route = response(ResponseCode.SUCCESS, null, SerializeType.JSON, 11, null);
        route.setBody(topicRouteData().encode());
        frame("get_routeinfo_response_json", "GET_ROUTEINFO_BY_TOPIC response with a TopicRouteData body",
                route, null, "TopicRouteData",
                "fastjson writes brokerAddrs keys unquoted ({0:\"...\"}); Gantry writes standard JSON (\"0\")");

        RegisterBrokerRequestHeader register = new RegisterBrokerRequestHeader();
        register.setBrokerName("broker-a");
        register.setBrokerAddr("10.0.0.5:10911");
        register.setClusterName("DefaultCluster");
        register.setHaServerAddr("10.0.0.5:10912");
        register.setBrokerId(0L);
        register.setCompressed(false);
        byte[] registerBody = registerBrokerBody().encode();
        register.setBodyCrc32(crc32(registerBody));
        RemotingCommand registerBroker = request(RequestCode.REGISTER_BROKER, register, SerializeType.JSON, 12);
        registerBroker.setBody(registerBody);
        frame("register_broker_request_json", "REGISTER_BROKER (103) request, uncompressed RegisterBrokerBody",
                registerBroker, "RegisterBrokerRequestHeader", "RegisterBrokerBody",
                "fastjson writes the topicConfigTable in hash order; Gantry sorts map keys");

        batch("batch_body_two_messages", "SEND_BATCH_MESSAGE (320) body: two entries");

        String offsetMsgId = MessageDecoder.createMessageId(host("10.0.0.5", 10911), 123_456_789L);
        ObjectNode id = entry("offset_msg_id", "offset-msg-id", "offsetMsgId of 10.0.0.5:10911, commit-log offset 123456789",
                "the id's text, which is itself upper-case hex");
        id.put("offsetMsgId", offsetMsgId);
        id.put("storeHost", "10.0.0.5:10911");
        id.put("commitLogOffset", 123_456_789L);
        id.put("gantryReencodesIdentically", offsetMsgId.equals(io.gantry.protocol.message.MessageIds.offsetMsgId(
                io.gantry.protocol.message.HostAddress.parse("10.0.0.5:10911"), 123_456_789L)));
        files.put("offset_msg_id.hex", (offsetMsgId.toLowerCase() + "\n").getBytes(StandardCharsets.US_ASCII));

        ObjectNode root = JSON.createObjectNode();
        root.put("producedBy", PRODUCER);
        root.put("generator", "compat-rocketmq4/src/test/java/io/gantry/compat/rocketmq4/GoldenVectorsTest.java");
        root.put("hexFormat", "lower-case hex, 32 bytes per line; ignore whitespace");
        root.set("vectors", index);
        files.put("index.json", (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    // ---- kinds of vectors ----

    /** A whole frame, with the 4-byte length prefix, as on the socket. */
    private void frame(String name, String what, RemotingCommand command, String headerType, String bodyType,
                       String whyBodyDiffers) throws Exception {
        byte[] bytes = OfficialFrames.encode(command);
        ObjectNode e = entry(name, "frame", what, "the whole frame including the int32 total length");
        e.put("serializeType", command.getSerializeTypeCurrentRPC().name());
        RemotingCommand decoded = OfficialFrames.decode(bytes);
        e.put("code", decoded.getCode());
        e.put("flag", decoded.getFlag());
        e.put("opaque", decoded.getOpaque());
        e.put("version", decoded.getVersion());
        e.put("language", decoded.getLanguage().name());
        e.put("remark", decoded.getRemark());
        ObjectNode ext = e.putObject("extFields");
        if (decoded.getExtFields() != null) {
            new TreeMap<>(decoded.getExtFields()).forEach(ext::put);
        }
        e.put("headerType", headerType);
        int bodyLength = decoded.getBody() == null ? 0 : decoded.getBody().length;
        e.put("bodyLength", bodyLength);
        if (bodyLength > 0) {
            e.put("bodyHex", HEX.formatHex(decoded.getBody()));
        }
        io.gantry.protocol.remoting.RemotingCommand gantry = CommandCrossCheckTest.gantryDecode(bytes);
        e.put("gantryReencodesIdentically",
                java.util.Arrays.equals(CommandCrossCheckTest.bytes(RemotingCodec.encodeWithLengthPrefix(gantry)), bytes));
        if (bodyType != null) {
            ObjectNode body = e.putObject("body");
            body.put("type", bodyType);
            Class<?> gantryType = Class.forName("io.gantry.protocol.body." + bodyType);
            Object gantryBody = RemotingJson.decode(decoded.getBody(), gantryType);
            // What the body means, in standard JSON (sorted, quoted keys), as read by both codecs.
            body.set("fields", JSON.readTree(RemotingJson.encode(gantryBody)));
            boolean same = java.util.Arrays.equals(RemotingJson.encode(gantryBody), decoded.getBody());
            body.put("gantryReencodesIdentically", same);
            if (!same) {
                body.put("whyNot", whyBodyDiffers);
            }
        }
        files.put(name + ".hex", hexLines(bytes));
    }

    private void records(String name, String what, byte[] body) {
        ObjectNode e = entry(name, "message-records", what, "stored records back to back (V1 magic)");
        ArrayNode list = e.putArray("records");
        for (MessageExt m : MessageDecoder.decodes(ByteBuffer.wrap(body), true)) {
            ObjectNode r = list.addObject();
            r.put("storeSize", m.getStoreSize());
            r.put("magic", "0x" + Integer.toHexString(MessageDecoder.MESSAGE_MAGIC_CODE));
            r.put("bodyCrc", m.getBodyCRC());
            r.put("queueId", m.getQueueId());
            r.put("flag", m.getFlag());
            r.put("queueOffset", m.getQueueOffset());
            r.put("commitLogOffset", m.getCommitLogOffset());
            r.put("sysFlag", m.getSysFlag());
            r.put("bornTimestamp", m.getBornTimestamp());
            r.put("bornHost", hostText((InetSocketAddress) m.getBornHost()));
            r.put("storeTimestamp", m.getStoreTimestamp());
            r.put("storeHost", hostText((InetSocketAddress) m.getStoreHost()));
            r.put("reconsumeTimes", m.getReconsumeTimes());
            r.put("preparedTransactionOffset", m.getPreparedTransactionOffset());
            r.put("topic", m.getTopic());
            r.put("bodyUtf8", new String(m.getBody(), StandardCharsets.UTF_8));
            ObjectNode props = r.putObject("properties");
            new TreeMap<>(m.getProperties()).forEach(props::put);
            r.put("propertiesString", MessageDecoder.messageProperties2String(m.getProperties())
                    .replace("\u0001", "\\u0001").replace("\u0002", "\\u0002"));
            r.put("offsetMsgId", ((org.apache.rocketmq.common.message.MessageClientExt) m).getOffsetMsgId());
        }
        List<MessageRecord> gantry = MessageRecordCodec.decodeAll(ByteBuffer.wrap(body));
        ByteBuffer again = ByteBuffer.allocate(body.length);
        gantry.forEach(r -> MessageRecordCodec.encodeTo(r, again));
        e.put("gantryReencodesIdentically", java.util.Arrays.equals(again.array(), body));
        files.put(name + ".hex", hexLines(body));
    }

    private void batch(String name, String what) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Message m = new Message();
            m.setFlag(i);
            m.setBody(("batch message " + i).getBytes(StandardCharsets.UTF_8));
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("KEYS", "key-" + i);
            properties.put("TAGS", "TagA");
            MessageAccessor.setProperties(m, properties);
            messages.add(m);
        }
        byte[] body = MessageDecoder.encodeMessages(messages);
        ObjectNode e = entry(name, "batch-body", what, "batch entries back to back (magic and bodyCrc written as 0)");
        ArrayNode list = e.putArray("entries");
        for (Message m : messages) {
            ObjectNode entry = list.addObject();
            entry.put("flag", m.getFlag());
            entry.put("bodyUtf8", new String(m.getBody(), StandardCharsets.UTF_8));
            ObjectNode props = entry.putObject("properties");
            new TreeMap<>(m.getProperties()).forEach(props::put);
            entry.put("propertiesString", MessageDecoder.messageProperties2String(m.getProperties())
                    .replace("\u0001", "\\u0001").replace("\u0002", "\\u0002"));
        }
        List<BatchEntry> gantry = MessageBatchCodec.decode(body);
        e.put("gantryReencodesIdentically", java.util.Arrays.equals(MessageBatchCodec.encode(gantry), body));
        files.put(name + ".hex", hexLines(body));
    }

    private ObjectNode entry(String name, String kind, String what, String fileHolds) {
        ObjectNode e = index.addObject();
        e.put("name", name);
        e.put("file", name + ".hex");
        e.put("kind", kind);
        e.put("description", what);
        e.put("fileHolds", fileHolds);
        return e;
    }

    // ---- fixed inputs ----

    private static RemotingCommand request(int code, CommandCustomHeader header, SerializeType type, int opaque) {
        RemotingCommand command = RemotingCommand.createRequestCommand(code, header);
        command.setSerializeTypeCurrentRPC(type);
        command.setVersion(VERSION);
        command.setOpaque(opaque);
        return command;
    }

    private static RemotingCommand response(int code, CommandCustomHeader header, SerializeType type, int opaque, String remark) {
        RemotingCommand command = RemotingCommand.createResponseCommand(code, remark);
        if (header != null) {
            command.writeCustomHeader(header);
        }
        command.setSerializeTypeCurrentRPC(type);
        command.setVersion(VERSION);
        command.setOpaque(opaque);
        return command;
    }

    private static SendMessageRequestHeaderV2 sendHeader() {
        SendMessageRequestHeaderV2 h = new SendMessageRequestHeaderV2();
        h.setA("ProducerGroupTest");
        h.setB("TopicTest");
        h.setC("TBW102");
        h.setD(4);
        h.setE(3);
        h.setF(0);
        h.setG(1_763_790_000_000L);
        h.setH(0);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("KEYS", "order-42");
        properties.put("TAGS", "TagA");
        properties.put("UNIQ_KEY", "0A000005000018B4AAC2000000000000");
        properties.put("WAIT", "true");
        h.setI(MessageDecoder.messageProperties2String(properties));
        h.setJ(0);
        h.setK(false);
        h.setM(false);
        return h;
    }

    private static byte[] pullBodyTwoRecords() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(1024);
        for (int i = 0; i < 2; i++) {
            MessageExt m = new MessageExt();
            m.setTopic("TopicTest");
            m.setQueueId(0);
            m.setFlag(0);
            m.setQueueOffset(10 + i);
            m.setCommitLogOffset(4096L + 200L * i);
            m.setSysFlag(0);
            m.setBornTimestamp(1_763_790_000_000L + i);
            m.setBornHost(host("10.0.0.9", 53422));
            m.setStoreTimestamp(1_763_790_000_005L + i);
            m.setStoreHost(host("10.0.0.5", 10911));
            m.setReconsumeTimes(0);
            m.setPreparedTransactionOffset(0);
            byte[] body = ("Hello Gantry " + i).getBytes(StandardCharsets.UTF_8);
            m.setBody(body);
            m.setBodyCRC(crc32(body));
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("KEYS", "order-" + i);
            properties.put("TAGS", "TagA");
            properties.put("UNIQ_KEY", "0A000009000018B4AAC200000000000" + i);
            MessageAccessor.setProperties(m, properties);
            out.put(MessageDecoder.encode(m, false));
        }
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    private static HeartbeatData heartbeatData() {
        HeartbeatData data = new HeartbeatData();
        data.setClientID("10.0.0.9@4242#1234567890");
        ProducerData producer = new ProducerData();
        producer.setGroupName("ProducerGroupTest");
        data.getProducerDataSet().add(producer);
        ConsumerData consumer = new ConsumerData();
        consumer.setGroupName("ConsumerGroupTest");
        consumer.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
        consumer.setMessageModel(MessageModel.CLUSTERING);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.setUnitMode(false);
        SubscriptionData subscription = new SubscriptionData();
        subscription.setTopic("TopicTest");
        subscription.setSubString("TagA");
        subscription.getTagsSet().add("TagA");
        subscription.getCodeSet().add("TagA".hashCode());
        subscription.setSubVersion(1_763_790_000_000L);
        consumer.getSubscriptionDataSet().add(subscription);
        data.getConsumerDataSet().add(consumer);
        return data;
    }

    private static TopicRouteData topicRouteData() {
        QueueData queue = new QueueData();
        queue.setBrokerName("broker-a");
        queue.setReadQueueNums(4);
        queue.setWriteQueueNums(4);
        queue.setPerm(6);
        queue.setTopicSysFlag(0);
        HashMap<Long, String> addresses = new HashMap<>();
        addresses.put(0L, "10.0.0.5:10911");
        addresses.put(1L, "10.0.0.6:10911");
        TopicRouteData route = new TopicRouteData();
        route.setQueueDatas(new ArrayList<>(List.of(queue)));
        route.setBrokerDatas(new ArrayList<>(List.of(new BrokerData("DefaultCluster", "broker-a", addresses))));
        route.setFilterServerTable(new HashMap<>());
        return route;
    }

    private static RegisterBrokerBody registerBrokerBody() {
        TopicConfigSerializeWrapper wrapper = new TopicConfigSerializeWrapper();
        wrapper.getTopicConfigTable().put("TopicTest", new TopicConfig("TopicTest", 4, 4, 6));
        wrapper.getTopicConfigTable().put("TBW102", new TopicConfig("TBW102", 8, 8, 7));
        DataVersion version = new DataVersion();
        version.setTimestamp(1_763_790_000_000L);
        version.setCounter(new java.util.concurrent.atomic.AtomicLong(3));
        wrapper.setDataVersion(version);
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.setTopicConfigSerializeWrapper(wrapper);
        body.setFilterServerList(new ArrayList<>());
        return body;
    }

    // ---- helpers ----

    private static InetSocketAddress host(String ip, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private static String hostText(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static int crc32(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return (int) (crc.getValue() & 0x7FFFFFFFL);
    }

    private static byte[] hexLines(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 32) {
            text.append(HEX.formatHex(bytes, i, Math.min(bytes.length, i + 32))).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
