package io.gantry.compat.rocketmq4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.nameserver.NameServer;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.ClientRemotingProcessor;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.common.DataVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.protocol.RequestCode;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.common.protocol.body.TopicConfigSerializeWrapper;
import org.apache.rocketmq.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Gantry's nameserver on the production runtime, on loopback, driven by the official 4.9.8 jars:
 * a "broker" made of the official {@link NettyRemotingClient} registers as an official broker
 * does, and the official client API ({@link MQClientAPIImpl}, what producers, consumers and
 * mqadmin use) reads routes, cluster info, topic lists and KV config, and changes write
 * permissions. One nameserver and one client pair serve the whole class (official shutdowns are slow).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialClientAgainstGantryNameServerTest {

    private static final long TIMEOUT_MS = 5_000;
    private static final String BROKER_ADDR = "127.0.0.1:40911";

    private Path dataDir;
    private ProductionRuntime runtime;
    private NameServer nameServer;
    private String address;
    private NettyRemotingClient brokerSide;
    private MQClientAPIImpl api;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("gantry-namesrv-compat");
        runtime = ProductionRuntime.create("namesrv", dataDir);
        NodeContext context = runtime.context();
        String bound = onLoop(context, () -> {
            nameServer = new NameServer(context, NameServerConfig.defaults().withListen("127.0.0.1", 0));
            return nameServer.start();
        });
        address = "127.0.0.1:" + bound.substring(bound.lastIndexOf(':') + 1);
        brokerSide = new NettyRemotingClient(new NettyClientConfig());
        brokerSide.start();
        api = new MQClientAPIImpl(new NettyClientConfig(), new ClientRemotingProcessor(null), null, new ClientConfig());
        api.start();
        api.updateNameServerAddressList(address);
    }

    @AfterAll
    void stop() throws Exception {
        api.shutdown();
        brokerSide.shutdown();
        onLoop(runtime.context(), () -> {
            nameServer.shutdown();
            return null;
        });
        runtime.close();
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

    /** What an official 4.9.x broker sends every 30 s (BrokerOuterAPI's request, rebuilt here). */
    private RemotingCommand register(String brokerName, String brokerAddr, String... topics) throws Exception {
        ConcurrentMap<String, TopicConfig> table = new ConcurrentHashMap<>();
        for (String topic : topics) {
            table.put(topic, new TopicConfig(topic, 4, 4, 6));
        }
        TopicConfigSerializeWrapper wrapper = new TopicConfigSerializeWrapper();
        wrapper.setTopicConfigTable(table);
        wrapper.setDataVersion(new DataVersion());
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.setTopicConfigSerializeWrapper(wrapper);
        byte[] bytes = body.encode(false);
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader();
        header.setBrokerName(brokerName);
        header.setBrokerAddr(brokerAddr);
        header.setClusterName("DefaultCluster");
        header.setHaServerAddr(brokerAddr.replace("40911", "40912"));
        header.setBrokerId(0L);
        header.setCompressed(false);
        header.setBodyCrc32(UtilAll.crc32(bytes));
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.REGISTER_BROKER, header);
        request.setVersion(409);
        request.setBody(bytes);
        return brokerSide.invokeSync(address, request, TIMEOUT_MS);
    }

    @Test
    void officialClientReadsTheRouteOfAnOfficiallyRegisteredBroker() throws Exception {
        assertThat(register("broker-a", BROKER_ADDR, "RouteTopic").getCode()).isEqualTo(ResponseCode.SUCCESS);

        TopicRouteData route = api.getTopicRouteInfoFromNameServer("RouteTopic", TIMEOUT_MS);

        assertThat(route.getQueueDatas()).hasSize(1);
        assertThat(route.getQueueDatas().get(0).getBrokerName()).isEqualTo("broker-a");
        assertThat(route.getQueueDatas().get(0).getWriteQueueNums()).isEqualTo(4);
        assertThat(route.getBrokerDatas()).hasSize(1);
        assertThat(route.getBrokerDatas().get(0).getBrokerAddrs()).containsEntry(0L, BROKER_ADDR);

        ClusterInfo cluster = api.getBrokerClusterInfo(TIMEOUT_MS);
        assertThat(cluster.getClusterAddrTable().get("DefaultCluster")).contains("broker-a");
        assertThat(api.getTopicListFromNameServer(TIMEOUT_MS).getTopicList()).contains("RouteTopic");
        assertThat(api.getTopicsByCluster("DefaultCluster", TIMEOUT_MS).getTopicList()).contains("RouteTopic");
        // Not getSystemTopicList: the official client goes on to ask the broker address it gets, and there is no broker here.
    }

    @Test
    void missingTopicIsTopicNotExistForTheOfficialClient() {
        assertThatThrownBy(() -> api.getTopicRouteInfoFromNameServer("NoSuchTopic", TIMEOUT_MS))
                .isInstanceOfSatisfying(MQClientException.class,
                        e -> assertThat(e.getResponseCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST));
    }

    @Test
    void officialUnregisterRemovesTheRoute() throws Exception {
        register("broker-u", "127.0.0.1:41911", "UnregTopic");
        assertThat(api.getTopicRouteInfoFromNameServer("UnregTopic", TIMEOUT_MS).getBrokerDatas()).hasSize(1);

        UnRegisterBrokerRequestHeader header = new UnRegisterBrokerRequestHeader();
        header.setBrokerName("broker-u");
        header.setBrokerAddr("127.0.0.1:41911");
        header.setClusterName("DefaultCluster");
        header.setBrokerId(0L);
        RemotingCommand response = brokerSide.invokeSync(address,
                RemotingCommand.createRequestCommand(RequestCode.UNREGISTER_BROKER, header), TIMEOUT_MS);

        assertThat(response.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThatThrownBy(() -> api.getTopicRouteInfoFromNameServer("UnregTopic", TIMEOUT_MS))
                .isInstanceOf(MQClientException.class);
    }

    @Test
    void writePermissionAndTopicDeletionAsMqadminDoesThem() throws Exception {
        register("broker-w", "127.0.0.1:42911", "PermTopic", "DoomedTopic");

        assertThat(api.wipeWritePermOfBroker(address, "broker-w", TIMEOUT_MS)).isEqualTo(2);
        assertThat(api.getTopicRouteInfoFromNameServer("PermTopic", TIMEOUT_MS).getQueueDatas().get(0).getPerm()).isEqualTo(4);
        assertThat(api.addWritePermOfBroker(address, "broker-w", TIMEOUT_MS)).isEqualTo(2);
        assertThat(api.getTopicRouteInfoFromNameServer("PermTopic", TIMEOUT_MS).getQueueDatas().get(0).getPerm()).isEqualTo(6);

        api.deleteTopicInNameServer(address, "DoomedTopic", null, TIMEOUT_MS);
        assertThatThrownBy(() -> api.getTopicRouteInfoFromNameServer("DoomedTopic", TIMEOUT_MS))
                .isInstanceOf(MQClientException.class);
    }

    @Test
    void kvConfigRoundTrip() throws Exception {
        api.putKVConfigValue("ORDER_TOPIC_CONFIG", "KvTopic", "broker-a:4", TIMEOUT_MS);

        assertThat(api.getKVConfigValue("ORDER_TOPIC_CONFIG", "KvTopic", TIMEOUT_MS)).isEqualTo("broker-a:4");
        assertThat(api.getKVListByNamespace("ORDER_TOPIC_CONFIG", TIMEOUT_MS).getTable()).containsEntry("KvTopic", "broker-a:4");

        api.deleteKVConfigValue("ORDER_TOPIC_CONFIG", "KvTopic", TIMEOUT_MS);
        assertThatThrownBy(() -> api.getKVConfigValue("ORDER_TOPIC_CONFIG", "KvTopic", TIMEOUT_MS))
                .isInstanceOfSatisfying(MQClientException.class,
                        e -> assertThat(e.getResponseCode()).isEqualTo(ResponseCode.QUERY_NOT_FOUND));
    }

    @Test
    void nameServerConfigParsesAsProperties() throws Exception {
        Map<String, Properties> configs = api.getNameServerConfig(List.of(address), TIMEOUT_MS);

        assertThat(configs.get(address).getProperty("brokerChannelExpiredTime")).isEqualTo("120000");
    }
}
