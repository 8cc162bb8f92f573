package io.gantry.simulation.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.header.GetMaxOffsetRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeaderV2;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.store.FlushDiskType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The bad input, all on one connection: unknown request codes, malformed headers (missing and
 * mistyped fields), illegal and over-long topic names, bodies over the size limit, a body that is not
 * JSON. Each gets the official error code with a remark; nothing is stored; the connection stays up
 * (the same channel answers a good request afterwards).
 */
class BadInputSimulationTest {

    private final BrokerSim sim = new BrokerSim(47, FlushDiskType.ASYNC_FLUSH);
    private final String broker = sim.broker.address();
    private final NodeContext context = sim.world.addNode("raw").context();
    private final RpcClient rpc = sim.await(context,
            () -> CompletableFuture.completedFuture(new RpcClient(context, RpcConfig.defaults())), 100);

    private RemotingCommand call(RemotingCommand request) {
        return sim.await(context, () -> rpc.invoke(broker, request, 30_000), 40_000);
    }

    private static SendMessageRequestHeader header(String topic) {
        return new SendMessageRequestHeader("PG", topic, "TBW102", 4, 0, 0, 1_700_000_000_000L, 0,
                MessageProperties.encode(Map.of(MessageConst.PROPERTY_TAGS, "T")), 0, false, null, false, "broker-a");
    }

    private static RemotingCommand send(String topic, byte[] body) {
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .header(SendMessageRequestHeaderV2.fromV1(header(topic))).body(body).build();
    }

    private RemotingChannel channel() {
        return sim.await(context, () -> CompletableFuture.completedFuture(rpc.channel(broker)), 100);
    }

    private long maxOffset(String topic) {
        RemotingCommand response = call(RemotingCommand.request(RequestCode.GET_MAX_OFFSET)
                .header(new GetMaxOffsetRequestHeader(topic, 0, null, null)).build());
        return response.code() == ResponseCode.SUCCESS ? Long.parseLong(response.extField("offset")) : -1;
    }

    @Test
    void everyBadRequestGetsItsCodeAndRemarkStoresNothingAndKeepsTheConnection() {
        assertThat(call(send("Orders", "first".getBytes(StandardCharsets.UTF_8))).code()).isEqualTo(ResponseCode.SUCCESS);
        RemotingChannel channel = channel();
        assertThat(channel).isNotNull();
        long storedBefore = sim.broker.store().stats().putMessageCount();

        RemotingCommand unknown = call(RemotingCommand.request(4_321).body(new byte[] {1, 2, 3}).build());
        assertThat(unknown.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        assertThat(unknown.remark()).contains("4321");

        RemotingCommand missing = call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .body(new byte[] {1}).build());
        assertThat(missing.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(missing.remark()).isNotBlank();

        Map<String, String> mistyped = new HashMap<>(send("Orders", new byte[1]).extFields());
        mistyped.put("e", "zero"); // queueId in the V2 short names
        RemotingCommand badType = call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).extFields(mistyped)
                .body(new byte[] {1}).build());
        assertThat(badType.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(badType.remark()).as("names the wire field").contains("<e>");

        RemotingCommand badPullHeader = call(RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .extFields(Map.of("consumerGroup", "CG", "topic", "Orders", "queueId", "0", "queueOffset", "soon",
                        "maxMsgNums", "32", "sysFlag", "0", "commitOffset", "0", "suspendTimeoutMillis", "0"))
                .build());
        assertThat(badPullHeader.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(badPullHeader.remark()).contains("queueOffset");

        RemotingCommand illegal = call(send("bad/topic", new byte[1]));
        assertThat(illegal.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(illegal.remark()).contains("bad/topic");
        RemotingCommand tooLong = call(send("t".repeat(128), new byte[1]));
        assertThat(tooLong.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(tooLong.remark()).containsIgnoringCase("long");
        RemotingCommand oversized = call(send("Orders", new byte[sim.brokerConfig.maxMessageSize() + 1]));
        assertThat(oversized.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
        assertThat(oversized.remark()).contains(Integer.toString(sim.brokerConfig.maxMessageSize()));

        RemotingCommand notJson = call(RemotingCommand.request(RequestCode.HEART_BEAT)
                .body("{not json".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(notJson.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(notJson.remark()).isNotBlank();

        assertThat(sim.broker.store().stats().putMessageCount()).as("nothing stored").isEqualTo(storedBefore);
        assertThat(sim.broker.topics().get("bad/topic")).isNull();
        assertThat(sim.broker.topics().get("t".repeat(128))).isNull();
        assertThat(maxOffset("Orders")).isEqualTo(1);
        assertThat(call(send("Orders", "second".getBytes(StandardCharsets.UTF_8))).code())
                .isEqualTo(ResponseCode.SUCCESS);
        assertThat(channel()).as("the same connection served it all").isSameAs(channel);
        assertThat(channel.isOpen()).isTrue();
    }
}
