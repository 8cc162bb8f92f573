package io.gantry.nameserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.QueueData;
import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.protocol.header.GetRouteInfoRequestHeader;
import io.gantry.protocol.header.RegisterBrokerRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.NettyTransport;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nameserver over real sockets on loopback: a fake broker registers, a client reads the route. */
class NameServerOverProductionSeamsTest {

    private static final String BROKER_ADDR = "127.0.0.1:30911";

    @TempDir
    Path dir;

    private NettyTransport transport;
    private ProductionRuntime nameServerRuntime;
    private ProductionRuntime brokerRuntime;
    private ProductionRuntime clientRuntime;
    private NameServer nameServer;
    private RpcClient broker;
    private RpcClient client;
    private String address;

    @BeforeEach
    void start() throws Exception {
        transport = new NettyTransport(2);
        nameServerRuntime = ProductionRuntime.create("namesrv", dir.resolve("namesrv"), transport);
        brokerRuntime = ProductionRuntime.create("broker", dir.resolve("broker"), transport);
        clientRuntime = ProductionRuntime.create("client", dir.resolve("client"), transport);
        NodeContext nameServerContext = nameServerRuntime.context();
        address = onLoop(nameServerContext, () -> {
            nameServer = new NameServer(nameServerContext, NameServerConfig.defaults().withListen("127.0.0.1", 0));
            return nameServer.start();
        });
        broker = onLoop(brokerRuntime.context(), () -> new RpcClient(brokerRuntime.context(), RpcConfig.defaults()));
        client = onLoop(clientRuntime.context(), () -> new RpcClient(clientRuntime.context(), RpcConfig.defaults()));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            onLoop(clientRuntime.context(), () -> {
                client.close();
                return null;
            });
        }
        if (broker != null) {
            onLoop(brokerRuntime.context(), () -> {
                broker.close();
                return null;
            });
        }
        if (nameServer != null) {
            onLoop(nameServerRuntime.context(), () -> {
                nameServer.shutdown();
                return null;
            });
        }
        for (AutoCloseable closeable : List.of(clientRuntime, brokerRuntime, nameServerRuntime, transport)) {
            closeable.close();
        }
    }

    private static <T> T onLoop(NodeContext context, Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.scheduler().execute(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    private static RemotingCommand call(ProductionRuntime runtime, RpcClient rpc, String to, RemotingCommand request)
            throws Exception {
        CompletableFuture<RemotingCommand> response = onLoop(runtime.context(), () -> rpc.invoke(to, request, 5_000));
        return response.get(10, TimeUnit.SECONDS);
    }

    private RemotingCommand registerRequest() {
        RegisterBrokerBody body = new RegisterBrokerBody(new TopicConfigSerializeWrapper(
                Map.of("T", TopicConfig.of("T", 4)), new DataVersion(1_700_000_000_000L, 1)), List.of());
        return RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .header(new RegisterBrokerRequestHeader("broker-a", BROKER_ADDR, "DefaultCluster", "127.0.0.1:30912",
                        0L, false, 0, null, null))
                .body(RemotingJson.encode(body))
                .build();
    }

    private RemotingCommand routeOf(String topic) throws Exception {
        return call(clientRuntime, client, address,
                RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).header(new GetRouteInfoRequestHeader(topic, null)).build());
    }

    @Test
    void registeredBrokerIsRoutedAndLeavesWhenItsConnectionCloses() throws Exception {
        assertThat(routeOf("T").code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);

        RemotingCommand registered = call(brokerRuntime, broker, address, registerRequest());
        assertThat(registered.code()).isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand route = routeOf("T");
        assertThat(route.code()).isEqualTo(ResponseCode.SUCCESS);
        TopicRouteData data = RemotingJson.decode(route.body(), TopicRouteData.class);
        assertThat(data.queueDatas()).containsExactly(new QueueData("broker-a", 4, 4, 6, 0));
        assertThat(data.brokerDatas()).containsExactly(new BrokerData("DefaultCluster", "broker-a", Map.of(0L, BROKER_ADDR)));

        onLoop(brokerRuntime.context(), () -> {
            broker.channel(address).close();
            return null;
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(routeOf("T").code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST));
        assertThat(onLoop(nameServerRuntime.context(), () -> nameServer.routeTable().liveBrokerCount())).isZero();
    }

    @Test
    void badRequestsGetErrorCodesAndTheConnectionStaysUp() throws Exception {
        RemotingCommand noTopic = call(clientRuntime, client, address, RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).build());
        assertThat(noTopic.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(noTopic.remark()).contains("topic");

        RemotingCommand unknown = call(clientRuntime, client, address, RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).build());
        assertThat(unknown.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);

        RemotingCommand cluster = call(clientRuntime, client, address, RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO).build());
        assertThat(cluster.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(onLoop(clientRuntime.context(), () -> client.channel(address))).isNotNull();
    }
}
