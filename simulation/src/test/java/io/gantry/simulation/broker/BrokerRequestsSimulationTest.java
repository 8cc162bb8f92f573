package io.gantry.simulation.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.ConsumeType;
import io.gantry.protocol.body.ConsumerData;
import io.gantry.protocol.body.GetConsumerListByGroupResponseBody;
import io.gantry.protocol.body.HeartbeatData;
import io.gantry.protocol.body.LockBatchRequestBody;
import io.gantry.protocol.body.LockBatchResponseBody;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.gantry.protocol.header.EndTransactionRequestHeader;
import io.gantry.protocol.header.GetConsumerListByGroupRequestHeader;
import io.gantry.protocol.header.GetMaxOffsetRequestHeader;
import io.gantry.protocol.header.PullMessageRequestHeader;
import io.gantry.protocol.header.QueryConsumerOffsetRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeaderV2;
import io.gantry.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageIds;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.store.FlushDiskType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The broker's request processors driven with raw requests over the simulated network. */
class BrokerRequestsSimulationTest {

    private final BrokerSim sim = new BrokerSim(21, FlushDiskType.ASYNC_FLUSH);
    private final String broker = sim.broker.address();

    private final class RawClient {
        final NodeContext context;
        final RpcClient rpc;
        final List<String> notifiedGroups = new ArrayList<>();

        RawClient(String nodeId) {
            context = sim.world.addNode(nodeId).context();
            rpc = sim.await(context, () -> {
                RpcClient client = new RpcClient(context, RpcConfig.defaults());
                client.processors().register(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (channel, request) -> {
                    notifiedGroups.add(request.extField("consumerGroup"));
                    return null;
                });
                return CompletableFuture.completedFuture(client);
            }, 100);
        }

        RemotingCommand call(RemotingCommand request) {
            return sim.await(context, () -> rpc.invoke(broker, request, 30_000), 40_000);
        }
    }

    private static RemotingCommand send(String topic, int queueId, byte[] body, String tags) {
        SendMessageRequestHeader header = new SendMessageRequestHeader("PG", topic, "TBW102", 4, queueId, 0,
                1_700_000_000_000L, 0, MessageProperties.encode(Map.of(MessageConst.PROPERTY_TAGS, tags,
                MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "true")), 0, false, null, false, "broker-a");
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).header(SendMessageRequestHeaderV2.fromV1(header))
                .body(body).build();
    }

    private long maxOffset(RawClient client, String topic, int queueId) {
        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.GET_MAX_OFFSET)
                .header(new GetMaxOffsetRequestHeader(topic, queueId, null, null)).build());
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        return Long.parseLong(response.extField("offset"));
    }

    private static RemotingCommand heartbeat(String clientId, String group, String topic) {
        SubscriptionData subscription = SubscriptionData.ofTags(topic, "*", 1);
        ConsumerData consumer = new ConsumerData(group, ConsumeType.CONSUME_PASSIVELY, MessageModel.CLUSTERING,
                ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET, Set.of(subscription), false);
        return RemotingCommand.request(RequestCode.HEART_BEAT)
                .body(RemotingJson.encode(new HeartbeatData(clientId, Set.of(), Set.of(consumer)))).build();
    }

    @Test
    void sendAnswersOffsetsAndMsgIdThenBadSendsStoreNothingAndKeepTheConnection() {
        RawClient client = new RawClient("raw");
        RemotingCommand ok = client.call(send("Orders", 1, "hello".getBytes(StandardCharsets.UTF_8), "TagA"));
        assertThat(ok.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(ok.extField("queueId")).isEqualTo("1");
        assertThat(ok.extField("queueOffset")).isEqualTo("0");
        assertThat(ok.extField("msgId")).hasSize(32);

        RemotingCommand illegal = client.call(send("bad topic!", 0, new byte[1], "T"));
        assertThat(illegal.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(illegal.remark()).contains("illegal characters");
        RemotingCommand tooLong = client.call(send("t".repeat(200), 0, new byte[1], "T"));
        assertThat(tooLong.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        RemotingCommand oversized = client.call(send("Orders", 1, new byte[sim.brokerConfig.maxMessageSize() + 1], "T"));
        assertThat(oversized.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
        RemotingCommand system = client.call(send("SCHEDULE_TOPIC_XXXX", 0, new byte[1], "T"));
        assertThat(system.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        RemotingCommand unknownCode = client.call(RemotingCommand.request(9_999).build());
        assertThat(unknownCode.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        RemotingCommand missingHeader = client.call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).build());
        assertThat(missingHeader.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);

        assertThat(maxOffset(client, "Orders", 1)).as("only the good send was stored").isEqualTo(1);
        assertThat(sim.broker.topics().get("bad topic!")).isNull();
    }

    @Test
    void pullMapsStoreStatusesAndFiltersByTagHash() {
        RawClient client = new RawClient("raw");
        client.call(send("Orders", 0, "a".getBytes(StandardCharsets.UTF_8), "TagA"));
        client.call(send("Orders", 0, "b".getBytes(StandardCharsets.UTF_8), "TagB"));

        RemotingCommand found = client.call(pull("Orders", 0, 0, "TagB", 0));
        assertThat(found.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(found.extField("nextBeginOffset")).isEqualTo("2");
        assertThat(found.extField("maxOffset")).isEqualTo("2");
        assertThat(found.extField("minOffset")).isEqualTo("0");
        assertThat(found.extField("suggestWhichBrokerId")).isEqualTo("0");
        assertThat(new String(found.body(), StandardCharsets.ISO_8859_1)).contains("TagB").doesNotContain("TagA");

        RemotingCommand noneMatched = client.call(pull("Orders", 0, 0, "TagC", 0));
        assertThat(noneMatched.code()).isEqualTo(ResponseCode.PULL_RETRY_IMMEDIATELY);
        RemotingCommand caughtUp = client.call(pull("Orders", 0, 2, "*", 0));
        assertThat(caughtUp.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertThat(caughtUp.extField("nextBeginOffset")).isEqualTo("2");
        RemotingCommand beyond = client.call(pull("Orders", 0, 9, "*", 0));
        assertThat(beyond.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        assertThat(beyond.extField("nextBeginOffset")).isEqualTo("2");
        RemotingCommand badQueue = client.call(pull("Orders", 99, 0, "*", 0));
        assertThat(badQueue.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        RemotingCommand noTopic = client.call(pull("Nowhere", 0, 0, "*", 0));
        assertThat(noTopic.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void heldPullAnswersNotFoundWhenItsSuspendTimeEnds() {
        RawClient client = new RawClient("raw");
        client.call(send("Orders", 0, "a".getBytes(StandardCharsets.UTF_8), "TagA"));
        long startMs = sim.world.nowMs();
        RemotingCommand held = client.call(pull("Orders", 0, 1, "*", 5_000));
        assertThat(held.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertThat(sim.world.nowMs() - startMs).isBetween(5_000L, 6_000L);
    }

    private static RemotingCommand pull(String topic, int queueId, long offset, String expression, long suspendMs) {
        int sysFlag = 0x4 | (suspendMs > 0 ? 0x2 : 0);
        return RemotingCommand.request(RequestCode.PULL_MESSAGE).header(new PullMessageRequestHeader("CG", topic, queueId,
                offset, 32, sysFlag, 0L, suspendMs, expression, 0L, "TAG", "broker-a", null)).build();
    }

    @Test
    void offsetsAreCommittedQueriedAndSaved() {
        RawClient client = new RawClient("raw");
        client.call(send("Orders", 0, "a".getBytes(StandardCharsets.UTF_8), "TagA"));
        RemotingCommand young = client.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .header(new QueryConsumerOffsetRequestHeader("CG", "Orders", 0, null, null)).build());
        assertThat(young.code()).as("a queue still starting at 0 answers 0, as 4.9 does").isEqualTo(ResponseCode.SUCCESS);
        assertThat(young.extField("offset")).isEqualTo("0");
        RemotingCommand strict = client.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .header(new QueryConsumerOffsetRequestHeader("CG", "Orders", 0, false, null)).build());
        assertThat(strict.code()).as("setZeroIfNotFound=false: not found").isEqualTo(ResponseCode.QUERY_NOT_FOUND);

        client.call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .header(new UpdateConsumerOffsetRequestHeader("CG", "Orders", 0, 1L, null)).build());
        RemotingCommand stored = client.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .header(new QueryConsumerOffsetRequestHeader("CG", "Orders", 0, null, null)).build());
        assertThat(stored.extField("offset")).isEqualTo("1");

        sim.world.runFor(sim.brokerConfig.flushConsumerOffsetInterval() + 1_000);
        assertThat(sim.brokerNode.disk().exists("store/config/consumerOffset.json")).isTrue();
        assertThat(sim.brokerNode.disk().exists("store/config/topics.json")).isTrue();

        sim.crashAndRestartBroker();
        assertThat(sim.broker.consumerOffsets().query("CG", "Orders", 0)).isEqualTo(1);
        assertThat(sim.broker.topics().get("Orders")).as("auto-created topic reloaded from topics.json").isNotNull();
    }

    @Test
    void heartbeatsFormGroupsNotifyMembersAndExpireSilentClients() {
        RawClient first = new RawClient("c1");
        RawClient second = new RawClient("c2");
        assertThat(first.call(heartbeat("10.0.0.11@a", "CG", "Orders")).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(sim.broker.topics().get("%RETRY%CG")).as("retry topic made by the heartbeat").isNotNull();
        second.call(heartbeat("10.0.0.12@b", "CG", "Orders"));
        sim.world.runFor(100);
        assertThat(first.notifiedGroups).contains("CG");

        RemotingCommand list = first.call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .header(new GetConsumerListByGroupRequestHeader("CG")).build());
        assertThat(RemotingJson.decode(list.body(), GetConsumerListByGroupResponseBody.class).consumerIdList())
                .containsExactly("10.0.0.11@a", "10.0.0.12@b");

        // c2 keeps beating, c1 goes silent: after 120 s c1 is dropped.
        for (int i = 0; i < 5; i++) {
            sim.world.runFor(30_000);
            second.call(heartbeat("10.0.0.12@b", "CG", "Orders"));
        }
        sim.world.runFor(10_000);
        RemotingCommand after = second.call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .header(new GetConsumerListByGroupRequestHeader("CG")).build());
        assertThat(RemotingJson.decode(after.body(), GetConsumerListByGroupResponseBody.class).consumerIdList())
                .containsExactly("10.0.0.12@b");
    }

    @Test
    void sentBackMessagesGoToRetryAfterTheirDelayThenToTheDlq() {
        RawClient client = new RawClient("raw");
        RemotingCommand sent = client.call(send("Orders", 0, "payload".getBytes(StandardCharsets.UTF_8), "TagA"));
        long offset = MessageIds.decodeOffsetMsgId(sent.extField("msgId")).commitLogOffset();

        RemotingCommand back = client.call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)
                .header(new ConsumerSendMsgBackRequestHeader(offset, "CG", 1, null, "Orders", false, 16, "broker-a"))
                .build());
        assertThat(back.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(maxOffset(client, "%RETRY%CG", 0)).as("held for level 1").isZero();
        sim.world.runFor(1_500);
        assertThat(maxOffset(client, "%RETRY%CG", 0)).isEqualTo(1);
        RemotingCommand pulled = client.call(pull("%RETRY%CG", 0, 0, "*", 0));
        MessageRecord retry = MessageRecordCodec.decode(java.nio.ByteBuffer.wrap(pulled.body()));
        assertThat(retry.reconsumeTimes()).isEqualTo(1);
        assertThat(new String(retry.body(), StandardCharsets.UTF_8)).isEqualTo("payload");
        assertThat(retry.property(MessageConst.PROPERTY_RETRY_TOPIC)).isEqualTo("Orders");
        assertThat(retry.property(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID)).isEqualTo(sent.extField("msgId"));

        RemotingCommand toDlq = client.call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)
                .header(new ConsumerSendMsgBackRequestHeader(retry.commitLogOffset(), "CG", 0, null, "Orders", false, 1,
                        "broker-a")).build());
        assertThat(toDlq.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(maxOffset(client, "%DLQ%CG", 0)).as("past max reconsume times: straight to the DLQ").isEqualTo(1);
    }

    @Test
    void aClosedMemberLeavesItsGroupAndTheOthersAreTold() {
        RawClient first = new RawClient("c1");
        RawClient second = new RawClient("c2");
        first.call(heartbeat("10.0.0.11@a", "CG", "Orders"));
        second.call(heartbeat("10.0.0.12@b", "CG", "Orders"));
        sim.world.runFor(100);
        int notifiedBefore = first.notifiedGroups.size();

        sim.await(second.context, () -> {
            second.rpc.close();
            return CompletableFuture.completedFuture(null);
        }, 100);
        sim.world.runFor(1_000);

        assertThat(first.notifiedGroups.size()).isGreaterThan(notifiedBefore);
        RemotingCommand list = first.call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .header(new GetConsumerListByGroupRequestHeader("CG")).build());
        assertThat(RemotingJson.decode(list.body(), GetConsumerListByGroupResponseBody.class).consumerIdList())
                .containsExactly("10.0.0.11@a");
    }

    private static RemotingCommand halfSend(String topic, String body) {
        SendMessageRequestHeader header = new SendMessageRequestHeader("TPG", topic, "TBW102", 4, 1, 0x4,
                1_700_000_000_000L, 0, MessageProperties.encode(Map.of(MessageConst.PROPERTY_TRANSACTION_PREPARED, "true",
                MessageConst.PROPERTY_PRODUCER_GROUP, "TPG")), 0, false, null, false, "broker-a");
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).header(SendMessageRequestHeaderV2.fromV1(header))
                .body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static RemotingCommand end(RemotingCommand half, String group, int decision) {
        long offset = MessageIds.decodeOffsetMsgId(half.extField("msgId")).commitLogOffset();
        return RemotingCommand.request(RequestCode.END_TRANSACTION).header(new EndTransactionRequestHeader(group,
                Long.parseLong(half.extField("queueOffset")), offset, decision, false, "UNIQ", null, null, null)).build();
    }

    @Test
    void halfMessagesReachTheirTopicOnlyOnCommit() {
        RawClient client = new RawClient("raw");
        client.call(send("Orders", 1, "plain".getBytes(StandardCharsets.UTF_8), "T"));
        RemotingCommand kept = client.call(halfSend("Orders", "kept"));
        RemotingCommand dropped = client.call(halfSend("Orders", "dropped"));
        assertThat(kept.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(kept.extField("queueId")).isEqualTo("1");
        assertThat(maxOffset(client, "Orders", 1)).as("half messages stay out of the topic").isEqualTo(1);

        assertThat(client.call(end(kept, "OtherGroup", 8)).code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(client.call(end(kept, "TPG", 8)).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(client.call(end(dropped, "TPG", 12)).code()).isEqualTo(ResponseCode.SUCCESS);

        assertThat(maxOffset(client, "Orders", 1)).isEqualTo(2);
        RemotingCommand pulled = client.call(pull("Orders", 1, 1, "*", 0));
        MessageRecord committed = MessageRecordCodec.decode(java.nio.ByteBuffer.wrap(pulled.body()));
        assertThat(new String(committed.body(), StandardCharsets.UTF_8)).isEqualTo("kept");
        assertThat(maxOffset(client, "RMQ_SYS_TRANS_OP_HALF_TOPIC", 0)).isEqualTo(2);
    }

    @Test
    void queueLocksGoToOneClientAtATime() {
        RawClient client = new RawClient("raw");
        MessageQueue queue = new MessageQueue("Orders", "broker-a", 0);
        RemotingCommand granted = client.call(RemotingCommand.request(RequestCode.LOCK_BATCH_MQ).body(RemotingJson.encode(
                new LockBatchRequestBody("CG", "c1", false, Set.of(queue)))).build());
        RemotingCommand refused = client.call(RemotingCommand.request(RequestCode.LOCK_BATCH_MQ).body(RemotingJson.encode(
                new LockBatchRequestBody("CG", "c2", false, Set.of(queue)))).build());
        assertThat(RemotingJson.decode(granted.body(), LockBatchResponseBody.class).lockOKMQSet()).containsExactly(queue);
        assertThat(refused.body() == null ? Set.of()
                : RemotingJson.decode(refused.body(), LockBatchResponseBody.class).lockOKMQSet()).isEmpty();
    }
}
