package io.gantry.compat.rocketmq5;

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
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.DataVersion;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.remoting.protocol.body.TopicConfigAndMappingSerializeWrapper;
import org.apache.rocketmq.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Gantry's nameserver on the production runtime, on loopback, driven by the official 5.3.1 jars:
 * a "broker" made of the official {@link NettyRemotingClient} registers as a 5.x broker does
 * (plain and compressed bodies, with the 5.x wrapper), and the official client API reads routes,
 * cluster info, topic lists and KV config. One nameserver and client pair serve the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialClientAgainstGantryNameServerTest {

    private static final long TIMEOUT_MS = 5_000;
    /** MQVersion.CURRENT_VERSION of 5.3.1, what its broker puts in the version field. */
    private static final int VERSION_5_3_1 = 475;

    private Path dataDir;
    private ProductionRuntime runtime;
    private NameServer nameServer;
    private String address;
    private NettyRemotingClient brokerSide;
    private MQClientAPIImpl api;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("gantry-namesrv-compat5");
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

    private RemotingCommand register(String brokerName, String brokerAddr, boolean compressed, String topic) throws Exception {
        ConcurrentMap<String, TopicConfig> table = new ConcurrentHashMap<>();
        table.put(topic, new TopicConfig(topic, 4, 4, 6));
        TopicConfigAndMappingSerializeWrapper wrapper = new TopicConfigAndMappingSerializeWrapper();
        wrapper.setTopicConfigTable(table);
        wrapper.setDataVersion(new DataVersion());
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.setTopicConfigSerializeWrapper(wrapper);
        byte[] bytes = body.encode(compressed);
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader();
        header.setBrokerName(brokerName);
        header.setBrokerAddr(brokerAddr);
        header.setClusterName("DefaultCluster");
        header.setHaServerAddr(brokerAddr + "-ha");
        header.setBrokerId(0L);
        header.setCompressed(compressed);
        header.setEnableActingMaster(false);
        header.setBodyCrc32(UtilAll.crc32(bytes));
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.REGISTER_BROKER, header);
        request.setVersion(VERSION_5_3_1);
        request.setBody(bytes);
        return brokerSide.invokeSync(address, request, TIMEOUT_MS);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void officialClientReadsTheRouteOfAn5xRegistration(boolean compressed) throws Exception {
        String topic = compressed ? "Compressed5" : "Plain5";
        String brokerAddr = compressed ? "127.0.0.1:50911" : "127.0.0.1:51911";
        assertThat(register("broker-" + topic, brokerAddr, compressed, topic).getCode()).isEqualTo(ResponseCode.SUCCESS);

        TopicRouteData route = api.getTopicRouteInfoFromNameServer(topic, TIMEOUT_MS);

        assertThat(route.getQueueDatas()).hasSize(1);
        assertThat(route.getQueueDatas().get(0).getReadQueueNums()).isEqualTo(4);
        assertThat(route.getQueueDatas().get(0).getPerm()).isEqualTo(6);
        assertThat(route.getBrokerDatas().get(0).getBrokerAddrs()).containsEntry(0L, brokerAddr);
        ClusterInfo cluster = api.getBrokerClusterInfo(TIMEOUT_MS);
        assertThat(cluster.getClusterAddrTable().get("DefaultCluster")).contains("broker-" + topic);
        assertThat(api.getTopicListFromNameServer(TIMEOUT_MS).getTopicList()).contains(topic);
    }

    @Test
    void missingTopicIsTopicNotExist() {
        assertThatThrownBy(() -> api.getTopicRouteInfoFromNameServer("NoSuchTopic5", TIMEOUT_MS))
                .isInstanceOfSatisfying(MQClientException.class,
                        e -> assertThat(e.getResponseCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST));
    }

    @Test
    void kvConfigAndNameServerConfig() throws Exception {
        api.putKVConfigValue("NS5", "k", "v", TIMEOUT_MS);
        assertThat(api.getKVConfigValue("NS5", "k", TIMEOUT_MS)).isEqualTo("v");
        api.deleteKVConfigValue("NS5", "k", TIMEOUT_MS);
        assertThatThrownBy(() -> api.getKVConfigValue("NS5", "k", TIMEOUT_MS))
                .isInstanceOfSatisfying(MQClientException.class,
                        e -> assertThat(e.getResponseCode()).isEqualTo(ResponseCode.QUERY_NOT_FOUND));

        Map<String, Properties> configs = api.getNameServerConfig(List.of(address), TIMEOUT_MS);
        assertThat(configs.get(address).getProperty("listenPort")).isEqualTo("0");
    }
}
