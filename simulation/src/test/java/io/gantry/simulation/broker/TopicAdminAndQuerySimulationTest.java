package io.gantry.simulation.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.header.CreateTopicRequestHeader;
import io.gantry.protocol.header.DeleteTopicRequestHeader;
import io.gantry.protocol.header.QueryMessageRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeaderV2;
import io.gantry.protocol.header.ViewMessageRequestHeader;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Topic administration and message lookup on the real broker in the simulation. */
class TopicAdminAndQuerySimulationTest {

    private final BrokerSim sim = new BrokerSim(31, FlushDiskType.ASYNC_FLUSH);
    private final NodeContext node = sim.world.addNode("admin").context();
    private final RpcClient rpc = sim.await(node, () -> CompletableFuture.completedFuture(
            new RpcClient(node, RpcConfig.defaults())), 100);

    private RemotingCommand call(RemotingCommand request) {
        return sim.await(node, () -> rpc.invoke(sim.broker.address(), request, 10_000), 20_000);
    }

    @Test
    void createdTopicIsServedAndRegisteredThenDeleted() {
        long registrations = sim.broker.successfulRegistrations();
        RemotingCommand created = call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                .header(new CreateTopicRequestHeader("Invoices", "TBW102", 2, 3, 6, "SINGLE_TAG", 0, false, null, null))
                .build());
        assertThat(created.code()).isEqualTo(ResponseCode.SUCCESS);
        sim.world.runFor(500);
        assertThat(sim.broker.successfulRegistrations()).as("re-registered at once").isGreaterThan(registrations);

        RemotingCommand all = call(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_CONFIG).build());
        TopicConfigSerializeWrapper topics = RemotingJson.decode(all.body(), TopicConfigSerializeWrapper.class);
        assertThat(topics.topicConfigTable().get("Invoices").readQueueNums()).isEqualTo(2);
        assertThat(topics.topicConfigTable().get("Invoices").writeQueueNums()).isEqualTo(3);

        RemotingCommand illegal = call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                .header(new CreateTopicRequestHeader("no good", "TBW102", 2, 2, 6, "SINGLE_TAG", 0, false, null, null))
                .build());
        assertThat(illegal.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);

        assertThat(call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER)
                .header(new DeleteTopicRequestHeader("Invoices")).build()).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(sim.broker.topics().get("Invoices")).isNull();
    }

    @Test
    void messagesAreFoundByOffsetMsgIdAndByKey() {
        SendMessageRequestHeader header = new SendMessageRequestHeader("PG", "Orders", "TBW102", 4, 0, 0,
                1_700_000_000_000L, 0, MessageProperties.encode(Map.of(MessageConst.PROPERTY_KEYS, "order-42",
                MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "UNIQ42")), 0, false, null, false, "broker-a");
        RemotingCommand sent = call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .header(SendMessageRequestHeaderV2.fromV1(header)).body("hello".getBytes(StandardCharsets.UTF_8)).build());
        long offset = MessageIds.decodeOffsetMsgId(sent.extField("msgId")).commitLogOffset();

        RemotingCommand viewed = call(RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID)
                .header(new ViewMessageRequestHeader(offset, null)).build());
        MessageRecord record = MessageRecordCodec.decode(ByteBuffer.wrap(viewed.body()));
        assertThat(new String(record.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(record.offsetMsgId()).isEqualTo(sent.extField("msgId"));
        assertThat(call(RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID)
                .header(new ViewMessageRequestHeader(offset + 7, null)).build()).code()).isEqualTo(ResponseCode.SYSTEM_ERROR);

        sim.world.runFor(2_000);
        RemotingCommand byKey = call(RemotingCommand.request(RequestCode.QUERY_MESSAGE)
                .header(new QueryMessageRequestHeader("Orders", "order-42", 32, 0L, Long.MAX_VALUE / 2)).build());
        assertThat(byKey.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(MessageRecordCodec.decodeAll(ByteBuffer.wrap(byKey.body()))).extracting(MessageRecord::offsetMsgId)
                .containsExactly(sent.extField("msgId"));
        RemotingCommand missing = call(RemotingCommand.request(RequestCode.QUERY_MESSAGE)
                .header(new QueryMessageRequestHeader("Orders", "order-43", 32, 0L, Long.MAX_VALUE / 2)).build());
        assertThat(missing.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
    }
}
