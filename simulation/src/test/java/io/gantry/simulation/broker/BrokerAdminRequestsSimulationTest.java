package io.gantry.simulation.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.ConsumeType;
import io.gantry.protocol.body.ConsumerData;
import io.gantry.protocol.body.ConsumerOffsetSerializeWrapper;
import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.DelayOffsetSerializeWrapper;
import io.gantry.protocol.body.GetConsumerStatusBody;
import io.gantry.protocol.body.HeartbeatData;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.ProducerConnection;
import io.gantry.protocol.body.ProducerData;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.ResetOffsetBody;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.body.SubscriptionGroupWrapper;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.header.GetConsumerListByGroupRequestHeader;
import io.gantry.protocol.header.GetConsumerStatusRequestHeader;
import io.gantry.protocol.header.GetProducerConnectionListRequestHeader;
import io.gantry.protocol.header.ResetOffsetRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeaderV2;
import io.gantry.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.store.FlushDiskType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The broker's admin requests added for mqadmin and for slaves, driven with raw requests over the
 * simulated network: broker config get/update, producer connections, reset offset by time, and the
 * GET_ALL_* dumps a slave copies (topics, offsets, groups, delay progress).
 */
class BrokerAdminRequestsSimulationTest {

    private final BrokerSim sim = new BrokerSim(33, FlushDiskType.ASYNC_FLUSH);
    private final String broker = sim.broker.address();

    private final class RawClient {
        final NodeContext context;
        final RpcClient rpc;
        final List<RemotingCommand> resets = new ArrayList<>();

        RawClient(String nodeId) {
            context = sim.world.addNode(nodeId).context();
            rpc = sim.await(context, () -> {
                RpcClient client = new RpcClient(context, RpcConfig.defaults());
                client.processors().register(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, (channel, request) -> {
                    resets.add(request);
                    return null;
                });
                client.processors().register(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (channel, request) -> null);
                client.processors().register(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, (channel, request) -> {
                    Map<MessageQueue, Long> mine = Map.of(new MessageQueue(request.extField("topic"), "broker-a", 0),
                            (long) nodeId.length());
                    return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS)
                            .body(RemotingJson.encode(new GetConsumerStatusBody(mine, Map.of()))).build());
                });
                return CompletableFuture.completedFuture(client);
            }, 100);
        }

        RemotingCommand call(RemotingCommand request) {
            return sim.await(context, () -> rpc.invoke(broker, request, 30_000), 40_000);
        }
    }

    private static RemotingCommand send(String topic, int queueId, String body, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put(MessageConst.PROPERTY_TAGS, "TagA");
        SendMessageRequestHeader header = new SendMessageRequestHeader("PG", topic, "TBW102", 4, queueId, 0,
                1_700_000_000_000L, 0, MessageProperties.encode(properties), 0, false, null, false, "broker-a");
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).header(SendMessageRequestHeaderV2.fromV1(header))
                .body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static RemotingCommand heartbeat(String clientId, String producerGroup, String consumerGroup, String topic) {
        Set<ConsumerData> consumers = consumerGroup == null ? Set.of() : Set.of(new ConsumerData(consumerGroup,
                ConsumeType.CONSUME_PASSIVELY, MessageModel.CLUSTERING, ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET,
                Set.of(SubscriptionData.ofTags(topic, "*", 1)), false));
        Set<ProducerData> producers = producerGroup == null ? Set.of() : Set.of(new ProducerData(producerGroup));
        return RemotingCommand.request(RequestCode.HEART_BEAT)
                .body(RemotingJson.encode(new HeartbeatData(clientId, producers, consumers))).build();
    }

    private static RemotingCommand updateConfig(String text) {
        return RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG).body(text.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static Properties properties(RemotingCommand response) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(new String(response.body(), StandardCharsets.UTF_8)));
        return properties;
    }

    @Test
    void brokerConfigIsReadAndOnlyRunTimeKeysChangeAllOrNothing() throws IOException {
        RawClient client = new RawClient("admin");
        RemotingCommand before = client.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG).build());
        assertThat(before.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(properties(before)).containsEntry("brokerName", "broker-a").containsEntry("channelExpiredTimeoutMs",
                "120000").containsEntry("messageDelayLevel", "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h");
        DataVersion versionBefore = RemotingJson.decode(before.extField("version"), DataVersion.class);

        RemotingCommand fixed = client.call(updateConfig("channelExpiredTimeoutMs=5000\nbrokerName=broker-z\n"));
        assertThat(fixed.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(fixed.remark()).contains("brokerName");
        RemotingCommand unknown = client.call(updateConfig("mysteryKnob=1"));
        assertThat(unknown.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(unknown.remark()).contains("mysteryKnob");
        RemotingCommand badValue = client.call(updateConfig("channelExpiredTimeoutMs=soon"));
        assertThat(badValue.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(badValue.remark()).contains("channelExpiredTimeoutMs");
        assertThat(properties(client.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG).build())))
                .as("refused updates change nothing").containsEntry("channelExpiredTimeoutMs", "120000")
                .containsEntry("brokerName", "broker-a");

        RemotingCommand ok = client.call(updateConfig("channelExpiredTimeoutMs=5000\nautoCreateSubscriptionGroup=false\n"));
        assertThat(ok.code()).isEqualTo(ResponseCode.SUCCESS);
        RemotingCommand after = client.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG).build());
        assertThat(properties(after)).containsEntry("channelExpiredTimeoutMs", "5000")
                .containsEntry("autoCreateSubscriptionGroup", "false");
        assertThat(RemotingJson.decode(after.extField("version"), DataVersion.class).counter())
                .isEqualTo(versionBefore.counter() + 1);

        // The new expiry takes effect: a consumer silent for 5 s is dropped at the next 10 s scan.
        RawClient consumer = new RawClient("consumer");
        consumer.call(heartbeat("10.0.0.21@c", null, "CG", "Orders"));
        assertThat(sim.broker.clients().consumerGroup("CG")).isNotNull();
        sim.world.runFor(16_000);
        RemotingCommand list = client.call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .header(new GetConsumerListByGroupRequestHeader("CG")).build());
        assertThat(list.code()).as("silent past the updated expiry: gone").isEqualTo(ResponseCode.SYSTEM_ERROR);
        // And groups are no longer auto-created.
        assertThat(sim.broker.topics().get("%RETRY%CG")).as("CG was not auto-created, so neither its retry topic")
                .isNull();
    }

    @Test
    void producerConnectionsComeFromHeartbeats() {
        RawClient producer = new RawClient("producer");
        producer.call(heartbeat("10.0.0.31@p", "PG", null, null));
        RemotingCommand list = producer.call(RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                .header(new GetProducerConnectionListRequestHeader("PG")).build());
        assertThat(list.code()).isEqualTo(ResponseCode.SUCCESS);
        ProducerConnection connections = RemotingJson.decode(list.body(), ProducerConnection.class);
        assertThat(connections.connectionSet()).singleElement().satisfies(c -> {
            assertThat(c.clientId()).isEqualTo("10.0.0.31@p");
            assertThat(c.clientAddr()).isNotBlank();
        });
        RemotingCommand none = producer.call(RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                .header(new GetProducerConnectionListRequestHeader("NobodyPG")).build());
        assertThat(none.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(none.remark()).contains("NobodyPG");
    }

    @Test
    void resetOffsetByTimeCommitsAndTellsTheGroupsConsumers() {
        RawClient admin = new RawClient("admin");
        for (int i = 0; i < 3; i++) {
            assertThat(admin.call(send("Orders", 0, "m" + i, Map.of())).code()).isEqualTo(ResponseCode.SUCCESS);
        }
        admin.call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .header(new UpdateConsumerOffsetRequestHeader("CG", "Orders", 0, 3L, null)).build());

        RemotingCommand offline = admin.call(reset("CG", 0L, true));
        assertThat(offline.code()).isEqualTo(ResponseCode.CONSUMER_NOT_ONLINE);
        assertThat(sim.broker.consumerOffsets().query("CG", "Orders", 0)).as("nothing changed").isEqualTo(3);

        RawClient consumer = new RawClient("consumer");
        consumer.call(heartbeat("10.0.0.21@c", null, "CG", "Orders"));
        RemotingCommand toEnd = admin.call(reset("CG", -1L, false));
        assertThat(toEnd.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(sim.broker.consumerOffsets().query("CG", "Orders", 0)).as("-1 is the end, already there").isEqualTo(3);

        RemotingCommand back = admin.call(reset("CG", 0L, true));
        assertThat(back.code()).isEqualTo(ResponseCode.SUCCESS);
        MessageQueue queue0 = new MessageQueue("Orders", "broker-a", 0);
        assertThat(RemotingJson.decode(back.body(), ResetOffsetBody.class).offsetTable()).containsEntry(queue0, 0L);
        assertThat(sim.broker.consumerOffsets().query("CG", "Orders", 0)).isZero();
        sim.world.runFor(100);
        assertThat(consumer.resets).hasSize(2);
        RemotingCommand told = consumer.resets.get(1);
        assertThat(told.extField("group")).isEqualTo("CG");
        assertThat(told.extField("topic")).isEqualTo("Orders");
        assertThat(RemotingJson.decode(told.body(), ResetOffsetBody.class).offsetTable()).containsEntry(queue0, 0L);

        RemotingCommand noTopic = admin.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET)
                .header(new ResetOffsetRequestHeader("Nowhere", "CG", 0L, true, null, null)).build());
        assertThat(noTopic.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(noTopic.remark()).contains("Nowhere");
    }

    @Test
    void consumerStatusIsGatheredFromEveryConsumerOfTheGroup() {
        RawClient admin = new RawClient("admin");
        RawClient first = new RawClient("c1");
        RawClient second = new RawClient("c22");
        first.call(heartbeat("10.0.0.21@c1", null, "CG", "Orders"));
        second.call(heartbeat("10.0.0.22@c22", null, "CG", "Orders"));
        MessageQueue queue0 = new MessageQueue("Orders", "broker-a", 0);

        RemotingCommand all = admin.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS)
                .header(new GetConsumerStatusRequestHeader("Orders", "CG", null)).build());
        assertThat(all.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(RemotingJson.decode(all.body(), GetConsumerStatusBody.class).consumerTable())
                .containsOnly(Map.entry("10.0.0.21@c1", Map.of(queue0, 2L)), Map.entry("10.0.0.22@c22", Map.of(queue0, 3L)));

        RemotingCommand one = admin.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS)
                .header(new GetConsumerStatusRequestHeader("Orders", "CG", "10.0.0.22@c22")).build());
        assertThat(RemotingJson.decode(one.body(), GetConsumerStatusBody.class).consumerTable())
                .containsOnlyKeys("10.0.0.22@c22");

        RemotingCommand nobody = admin.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS)
                .header(new GetConsumerStatusRequestHeader("Orders", "NobodyCG", null)).build());
        assertThat(nobody.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(nobody.remark()).contains("NobodyCG");
    }

    private static RemotingCommand reset(String group, long timestamp, boolean force) {
        return RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET)
                .header(new ResetOffsetRequestHeader("Orders", group, timestamp, force, null, null)).build();
    }

    @Test
    void theDumpsASlaveCopiesHoldTopicsOffsetsGroupsAndDelayProgress() {
        RawClient client = new RawClient("slave");
        client.call(send("Orders", 1, "now", Map.of()));
        client.call(send("Orders", 1, "later", Map.of(MessageConst.PROPERTY_DELAY_TIME_LEVEL, "1")));
        client.call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .header(new UpdateConsumerOffsetRequestHeader("CG", "Orders", 1, 1L, null)).build());
        client.call(heartbeat("10.0.0.41@c", null, "CG", "Orders"));
        sim.world.runFor(1_500);

        RemotingCommand delay = client.call(RemotingCommand.request(RequestCode.GET_ALL_DELAY_OFFSET).build());
        assertThat(delay.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(RemotingJson.decode(delay.body(), DelayOffsetSerializeWrapper.class).offsetTable())
                .as("level 1 delivered its one message").containsEntry(1, 1L);

        RemotingCommand topics = client.call(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_CONFIG).build());
        assertThat(RemotingJson.decode(topics.body(), TopicConfigSerializeWrapper.class).topicConfigTable())
                .containsKeys("Orders", "%RETRY%CG", "SCHEDULE_TOPIC_XXXX");
        RemotingCommand offsets = client.call(RemotingCommand.request(RequestCode.GET_ALL_CONSUMER_OFFSET).build());
        assertThat(RemotingJson.decode(offsets.body(), ConsumerOffsetSerializeWrapper.class).offsetTable())
                .containsEntry("Orders@CG", Map.of(1, 1L));
        RemotingCommand groups = client.call(RemotingCommand.request(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG).build());
        assertThat(RemotingJson.decode(groups.body(), SubscriptionGroupWrapper.class).subscriptionGroupTable())
                .containsKey("CG");
    }
}
