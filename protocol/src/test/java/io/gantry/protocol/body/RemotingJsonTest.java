package io.gantry.protocol.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gantry.protocol.remoting.LanguageCode;
import io.gantry.protocol.remoting.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bodies against the JSON examples of the protocol reference (§3), in both directions. */
class RemotingJsonTest {

    private static final String ROUTE = "{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"192.168.0.1:10911\",\"1\":\"192.168.0.2:10911\"},"
            + "\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\"}],"
            + "\"filterServerTable\":{},"
            + "\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":6,\"readQueueNums\":4,\"topicSysFlag\":0,\"writeQueueNums\":4}]}";

    private static final String HEARTBEAT = "{\"clientID\":\"192.0.2.2@push\","
            + "\"consumerDataSet\":[{\"consumeFromWhere\":\"CONSUME_FROM_FIRST_OFFSET\",\"consumeType\":\"CONSUME_PASSIVELY\","
            + "\"groupName\":\"CG1\",\"messageModel\":\"CLUSTERING\","
            + "\"subscriptionDataSet\":["
            + "{\"classFilterMode\":false,\"codeSet\":[2598919,2598920],\"expressionType\":\"TAG\",\"subString\":\"TagA || TagB\","
            + "\"subVersion\":1795321905830,\"tagsSet\":[\"TagA\",\"TagB\"],\"topic\":\"TopicA\"},"
            + "{\"classFilterMode\":false,\"codeSet\":[],\"expressionType\":\"TAG\",\"subString\":\"*\",\"subVersion\":1795321905262,"
            + "\"tagsSet\":[],\"topic\":\"%RETRY%CG1\"}],"
            + "\"unitMode\":false}],"
            + "\"producerDataSet\":[{\"groupName\":\"CLIENT_INNER_PRODUCER\"}]}";

    private static final MessageQueue MQ = new MessageQueue("T", "broker-a", 0);

    @Test
    void topicRouteDataParsesAndEncodesTheStandardForm() {
        TopicRouteData route = RemotingJson.decode(ROUTE.getBytes(StandardCharsets.UTF_8), TopicRouteData.class);
        assertThat(route.brokerDatas()).hasSize(1);
        BrokerData broker = route.brokerDatas().get(0);
        assertThat(broker.brokerAddrs()).containsEntry(0L, "192.168.0.1:10911").containsEntry(1L, "192.168.0.2:10911");
        assertThat(broker.masterAddr()).isEqualTo("192.168.0.1:10911");
        assertThat(route.queueDatas()).containsExactly(new QueueData("broker-a", 4, 4, 6, 0));
        assertThat(route.orderTopicConf()).isNull();
        assertThat(RemotingJson.encodeToString(route)).isEqualTo(ROUTE);
    }

    @Test
    void clusterInfoAcceptsUnquotedNumericKeys() {
        String json = "{\"brokerAddrTable\":{\"broker-a\":{\"brokerAddrs\":{0:\"10.0.0.1:10911\",1:\"10.0.0.2:10911\"},"
                + "\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\"}},\"clusterAddrTable\":{\"DefaultCluster\":[\"broker-a\"]}}";
        ClusterInfo info = RemotingJson.decode(json, ClusterInfo.class);
        assertThat(info.brokerAddrTable().get("broker-a").brokerAddrs()).containsEntry(1L, "10.0.0.2:10911");
        assertThat(info.clusterAddrTable()).containsEntry("DefaultCluster", Set.of("broker-a"));
        String encoded = RemotingJson.encodeToString(info);
        assertThat(encoded).contains("\"brokerAddrs\":{\"0\":\"10.0.0.1:10911\",\"1\":\"10.0.0.2:10911\"}");
        assertThat(RemotingJson.decode(encoded, ClusterInfo.class)).isEqualTo(info);
    }

    @Test
    void heartbeatParsesAndReEncodesIdentically() {
        HeartbeatData heartbeat = RemotingJson.decode(HEARTBEAT, HeartbeatData.class);
        assertThat(heartbeat.clientID()).isEqualTo("192.0.2.2@push");
        ConsumerData consumer = heartbeat.consumerDataSet().iterator().next();
        assertThat(consumer.consumeType()).isEqualTo(ConsumeType.CONSUME_PASSIVELY);
        assertThat(consumer.messageModel()).isEqualTo(MessageModel.CLUSTERING);
        assertThat(consumer.consumeFromWhere()).isEqualTo(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        SubscriptionData tags = consumer.subscriptionDataSet().iterator().next();
        assertThat(tags).isEqualTo(SubscriptionData.ofTags("TopicA", "TagA || TagB", 1795321905830L));
        assertThat(heartbeat.producerDataSet()).containsExactly(new ProducerData("CLIENT_INNER_PRODUCER"));
        assertThat(RemotingJson.encodeToString(heartbeat)).isEqualTo(HEARTBEAT);
    }

    @Test
    void heartbeatTolerates5xExtrasAndUnknownEnums() {
        String json = "{\"clientID\":\"c\",\"consumerDataSet\":[{\"groupName\":\"G\",\"consumeType\":\"CONSUME_POP\"}],"
                + "\"producerDataSet\":[],\"heartbeatFingerprint\":0,\"withoutSub\":false,\"future\":{\"x\":1}}";
        HeartbeatData heartbeat = RemotingJson.decode(json, HeartbeatData.class);
        assertThat(heartbeat.consumerDataSet().iterator().next().consumeType()).isNull();
        assertThat(heartbeat.withoutSub()).isFalse();
        assertThat(heartbeat.heartbeatFingerprint()).isZero();
    }

    @Test
    void topicConfigMatchesTheOfficialEncodingAndDefaults() {
        String official = "{\"order\":false,\"perm\":6,\"readQueueNums\":4,\"topicFilterType\":\"SINGLE_TAG\","
                + "\"topicName\":\"T\",\"topicSysFlag\":0,\"writeQueueNums\":4}";
        assertThat(RemotingJson.encodeToString(TopicConfig.of("T", 4))).isEqualTo(official);
        assertThat(RemotingJson.decode(official, TopicConfig.class)).isEqualTo(TopicConfig.of("T", 4));
        TopicConfig sparse = RemotingJson.decode("{\"topicName\":\"X\",\"attributes\":{}}", TopicConfig.class);
        assertThat(sparse.readQueueNums()).isEqualTo(16);
        assertThat(sparse.perm()).isEqualTo(6);
        assertThat(sparse.topicFilterType()).isEqualTo(TopicFilterType.SINGLE_TAG);
        assertThat(sparse.attributes()).isEmpty();
    }

    @Test
    void registerBrokerBodyWithTopicWrapper() {
        String json = "{\"filterServerList\":[],\"topicConfigSerializeWrapper\":{\"dataVersion\":{\"counter\":0,\"timestamp\":1795321489600},"
                + "\"topicConfigTable\":{\"T\":{\"order\":false,\"perm\":6,\"readQueueNums\":4,\"topicFilterType\":\"SINGLE_TAG\","
                + "\"topicName\":\"T\",\"topicSysFlag\":0,\"writeQueueNums\":4}}}}";
        RegisterBrokerBody body = RemotingJson.decode(json, RegisterBrokerBody.class);
        assertThat(body.topicConfigSerializeWrapper().dataVersion()).isEqualTo(new DataVersion(1795321489600L, 0));
        assertThat(body.topicConfigSerializeWrapper().topicConfigTable()).containsEntry("T", TopicConfig.of("T", 4));
        assertThat(RemotingJson.encodeToString(body)).isEqualTo(json);
        assertThat(body.topicConfigSerializeWrapper().dataVersion().next(5L)).isEqualTo(new DataVersion(5L, 1));
    }

    @Test
    void subscriptionGroupConfigMatchesTheOfficialEncodingAndDefaults() {
        String official = "{\"brokerId\":0,\"consumeBroadcastEnable\":true,\"consumeEnable\":true,\"consumeFromMinEnable\":true,"
                + "\"groupName\":\"CG\",\"notifyConsumerIdsChangedEnable\":true,\"retryMaxTimes\":16,\"retryQueueNums\":1,"
                + "\"whichBrokerWhenConsumeSlowly\":1}";
        assertThat(RemotingJson.encodeToString(SubscriptionGroupConfig.defaults("CG"))).isEqualTo(official);
        assertThat(RemotingJson.decode("{\"groupName\":\"CG\"}", SubscriptionGroupConfig.class))
                .isEqualTo(SubscriptionGroupConfig.defaults("CG"));
        SubscriptionGroupConfig fromAdmin = RemotingJson.decode(
                "{\"groupName\":\"G\",\"consumeBroadcastEnable\":false,\"consumeFromMinEnable\":false}", SubscriptionGroupConfig.class);
        assertThat(fromAdmin.consumeBroadcastEnable()).isFalse();
        assertThat(fromAdmin.retryMaxTimes()).isEqualTo(16);
        SubscriptionGroupWrapper wrapper = RemotingJson.decode("{\"dataVersion\":{\"counter\":2,\"timestamp\":9},"
                + "\"subscriptionGroupTable\":{\"CG\":" + official + "}}", SubscriptionGroupWrapper.class);
        assertThat(wrapper.subscriptionGroupTable()).containsEntry("CG", SubscriptionGroupConfig.defaults("CG"));
    }

    @Test
    void lockBodiesRoundTrip() {
        String request = "{\"clientId\":\"c1\",\"consumerGroup\":\"CG2\",\"mqSet\":[{\"brokerName\":\"broker-a\",\"queueId\":3,\"topic\":\"TopicA\"}]}";
        LockBatchRequestBody body = RemotingJson.decode(request, LockBatchRequestBody.class);
        assertThat(body.mqSet()).containsExactly(new MessageQueue("TopicA", "broker-a", 3));
        assertThat(RemotingJson.encodeToString(body)).isEqualTo(request);
        assertThat(RemotingJson.decode(request.replace("}]}", "}],\"onlyThisBroker\":false}"), UnlockBatchRequestBody.class)
                .onlyThisBroker()).isFalse();
        String response = "{\"lockOKMQSet\":[{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}]}";
        assertThat(RemotingJson.encodeToString(new LockBatchResponseBody(Set.of(MQ)))).isEqualTo(response);
    }

    @Test
    void objectKeyedMapsUseTheOfficialObjectKeyForm() {
        String consumeStats = "{\"consumeTps\":1.5,\"offsetTable\":{{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}:"
                + "{\"brokerOffset\":10,\"consumerOffset\":7,\"lastTimestamp\":1700000000000}}}";
        ConsumeStats stats = RemotingJson.decode(consumeStats, ConsumeStats.class);
        assertThat(stats.offsetTable()).containsEntry(MQ, new OffsetWrapper(10, 7, 1700000000000L));
        assertThat(stats.consumeTps()).isEqualTo(1.5);
        assertThat(RemotingJson.encodeToString(stats)).isEqualTo(consumeStats);

        String topicStats = "{\"offsetTable\":{{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}:"
                + "{\"lastUpdateTimestamp\":1700000000000,\"maxOffset\":10,\"minOffset\":0}}}";
        TopicStatsTable table = RemotingJson.decode(topicStats, TopicStatsTable.class);
        assertThat(table.offsetTable()).containsEntry(MQ, new TopicOffset(0, 10, 1700000000000L));
        assertThat(RemotingJson.encodeToString(table)).isEqualTo(topicStats);

        ResetOffsetBody reset = new ResetOffsetBody(Map.of(new MessageQueue("T", "b", 1), 5L, MQ, 3L));
        String encoded = RemotingJson.encodeToString(reset);
        assertThat(encoded).as("sorted by topic, broker, queue").isEqualTo(
                "{\"offsetTable\":{{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"T\"}:5,"
                + "{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}:3}}");
        assertThat(RemotingJson.decode(encoded, ResetOffsetBody.class)).isEqualTo(reset);
    }

    @Test
    void objectKeysInsideStringsAreLeftAlone() {
        String json = "{\"table\":{\"{not a key}\":\"{\\\"x\\\":1}\",\"k,{\":\"v\"}}";
        assertThat(RemotingJson.decode(json, KVTable.class).table())
                .containsEntry("{not a key}", "{\"x\":1}").containsEntry("k,{", "v");
    }

    @Test
    void consumerConnectionParses() {
        String json = "{\"connectionSet\":[{\"clientAddr\":\"10.0.0.5:53422\",\"clientId\":\"10.0.0.5@123#456\",\"language\":\"JAVA\","
                + "\"version\":409}],\"consumeFromWhere\":\"CONSUME_FROM_LAST_OFFSET\",\"consumeType\":\"CONSUME_PASSIVELY\","
                + "\"messageModel\":\"CLUSTERING\",\"subscriptionTable\":{\"T\":{\"classFilterMode\":false,\"codeSet\":[],"
                + "\"expressionType\":\"TAG\",\"subString\":\"*\",\"subVersion\":1,\"tagsSet\":[],\"topic\":\"T\"}}}";
        ConsumerConnection connection = RemotingJson.decode(json, ConsumerConnection.class);
        assertThat(connection.connectionSet()).containsExactly(
                new ClientConnection("10.0.0.5@123#456", "10.0.0.5:53422", LanguageCode.JAVA, 409));
        assertThat(connection.subscriptionTable().get("T").isAllTags()).isTrue();
        assertThat(RemotingJson.encodeToString(connection)).isEqualTo(json);
    }

    @Test
    void listsAndTables() {
        assertThat(RemotingJson.decode("{\"topicList\":[\"T\",\"TBW102\"]}", TopicList.class).topicList()).containsExactly("T", "TBW102");
        assertThat(RemotingJson.encodeToString(new TopicList(Set.of("T")))).isEqualTo("{\"topicList\":[\"T\"]}");
        assertThat(RemotingJson.decode("{\"table\":{\"k\":\"v\"}}", KVTable.class).table()).containsExactly(Map.entry("k", "v"));
        assertThat(RemotingJson.decode("{\"consumerIdList\":[\"c1\",\"c2\"]}", GetConsumerListByGroupResponseBody.class)
                .consumerIdList()).containsExactly("c1", "c2");
        assertThat(RemotingJson.encodeToString(new GroupList(Set.of("CG1")))).isEqualTo("{\"groupList\":[\"CG1\"]}");
    }

    @Test
    void storeConfigFilesWithUnquotedKeys() {
        String consumerOffset = "{\n\t\"offsetTable\":{\n\t\t\"TopicA@CG1\":{0:2,1:3,2:2,3:1\n\t\t},\"%RETRY%CG1@CG1\":{0:1}\n\t}\n}";
        ConsumerOffsetSerializeWrapper offsets = RemotingJson.decode(consumerOffset, ConsumerOffsetSerializeWrapper.class);
        assertThat(offsets.offsetTable().get("TopicA@CG1")).containsEntry(1, 3L).hasSize(4);
        assertThat(offsets.offsetTable().get("%RETRY%CG1@CG1")).containsExactly(Map.entry(0, 1L));
        DelayOffsetSerializeWrapper delay = RemotingJson.decode("{\"offsetTable\":{1:1,3:1}}", DelayOffsetSerializeWrapper.class);
        assertThat(delay.offsetTable()).containsEntry(3, 1L);
        assertThat(RemotingJson.encodeToString(delay)).isEqualTo("{\"offsetTable\":{\"1\":1,\"3\":1}}");
    }

    @Test
    void genericBodiesDecodeByTypeReference() {
        Map<String, List<Integer>> decoded = RemotingJson.decode("{a:[1,2]}".getBytes(StandardCharsets.UTF_8),
                new TypeReference<Map<String, List<Integer>>>() { });
        assertThat(decoded).containsEntry("a", List.of(1, 2));
    }

    @Test
    void badInputIsAProtocolException() {
        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, '"', '}'};
        assertThatThrownBy(() -> RemotingJson.decode(badUtf8, KVTable.class)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> RemotingJson.decode("{\"table\":", KVTable.class)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RemotingJson.decode("{\"topicList\":5}", TopicList.class)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RemotingJson.decode("null", TopicList.class)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RemotingJson.decode(new byte[0], TopicList.class)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RemotingJson.decode((byte[]) null, TopicList.class)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RemotingJson.decode("[".repeat(5000), TopicList.class)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RemotingJson.decode("{\"offsetTable\":{{\"queueId\":\"x\"}:1}}", ResetOffsetBody.class))
                .isInstanceOf(ProtocolException.class);
    }
}
