package io.gantry.compat.rocketmq4;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.nameserver.NameServerConfig;
import io.gantry.nameserver.handler.NameServerHandlers;
import io.gantry.nameserver.handler.RequestContext;
import io.gantry.nameserver.kv.KvConfigTable;
import io.gantry.nameserver.route.RouteLimits;
import io.gantry.nameserver.route.RouteTable;
import io.gantry.protocol.remoting.RemotingCodec;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.rocketmq.common.DataVersion;

import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.protocol.RequestCode;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.body.KVTable;
import org.apache.rocketmq.common.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.common.protocol.body.TopicConfigSerializeWrapper;
import org.apache.rocketmq.common.protocol.body.TopicList;
import org.apache.rocketmq.common.protocol.header.namesrv.GetKVConfigRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.GetKVConfigResponseHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.PutKVConfigRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.RegisterBrokerResponseHeader;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Gantry's nameserver handlers fed requests built by the official 4.9.8 classes (headers, bodies,
 * the compressed registration, the frame codec), answering frames the official classes decode.
 * No sockets: frames go official encoder -> Gantry decoder -> handler -> Gantry encoder -> official
 * decoder.
 */
class NameServerOfficialCodecTest {

    private static final String BROKER_ADDR = "127.0.0.1:20911";
    private static final String TBW102 = "TBW102";

    private final RouteTable routes = new RouteTable(new RouteLimits(100, 1_000));
    private final NameServerHandlers handlers = new NameServerHandlers(NameServerConfig.defaults(), routes,
            new KvConfigTable(100));

    private RemotingCommand exchange(RemotingCommand officialRequest) throws Exception {
        byte[] frame = OfficialFrames.encode(officialRequest);
        io.gantry.protocol.remoting.RemotingCommand request =
                RemotingCodec.decode(ByteBuffer.wrap(frame, 4, frame.length - 4).slice());
        io.gantry.protocol.remoting.RemotingCommand response =
                handlers.handle(new RequestContext(1, "127.0.0.1:1", 1_000), request);
        ByteBuffer encoded = RemotingCodec.encodeWithLengthPrefix(response);
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        RemotingCommand decoded = OfficialFrames.decode(out);
        assertThat(decoded.getOpaque()).isEqualTo(officialRequest.getOpaque());
        return decoded;
    }

    private RemotingCommand register(String brokerName, long brokerId, String addr, boolean compressed) throws Exception {
        TopicConfig topic = new TopicConfig("OrderTopic", 4, 4, 6);
        ConcurrentMap<String, TopicConfig> table = new ConcurrentHashMap<>();
        table.put(topic.getTopicName(), topic);
        table.put(TBW102, new TopicConfig(TBW102, 8, 8, 7));
        TopicConfigSerializeWrapper wrapper = new TopicConfigSerializeWrapper();
        wrapper.setTopicConfigTable(table);
        DataVersion version = new DataVersion();
        version.nextVersion();
        wrapper.setDataVersion(version);
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.setTopicConfigSerializeWrapper(wrapper);
        byte[] bytes = body.encode(compressed);

        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader();
        header.setBrokerName(brokerName);
        header.setBrokerAddr(addr);
        header.setClusterName("DefaultCluster");
        header.setHaServerAddr(addr.replace("20911", "20912"));
        header.setBrokerId(brokerId);
        header.setCompressed(compressed);
        header.setBodyCrc32(UtilAll.crc32(bytes));
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.REGISTER_BROKER, header);
        request.setBody(bytes);
        // An official broker sets its version property at start-up (BrokerStartup); 409 is 4.9.8.
        request.setVersion(409);
        return exchange(request);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void officialRegistrationThenOfficialRouteQuery(boolean compressed) throws Exception {
        RemotingCommand registered = register("broker-a", 0, BROKER_ADDR, compressed);
        assertThat(registered.getCode()).isEqualTo(ResponseCode.SUCCESS);

        GetRouteInfoRequestHeader routeHeader = new GetRouteInfoRequestHeader();
        routeHeader.setTopic("OrderTopic");
        RemotingCommand response = exchange(RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeHeader));

        assertThat(response.getCode()).isEqualTo(ResponseCode.SUCCESS);
        TopicRouteData route = TopicRouteData.decode(response.getBody(), TopicRouteData.class);
        assertThat(route.getQueueDatas()).hasSize(1);
        QueueData queueData = route.getQueueDatas().get(0);
        assertThat(queueData.getBrokerName()).isEqualTo("broker-a");
        assertThat(queueData.getReadQueueNums()).isEqualTo(4);
        assertThat(queueData.getWriteQueueNums()).isEqualTo(4);
        assertThat(queueData.getPerm()).isEqualTo(6);
        BrokerData brokerData = route.getBrokerDatas().get(0);
        assertThat(brokerData.getCluster()).isEqualTo("DefaultCluster");
        assertThat(brokerData.getBrokerAddrs()).containsEntry(0L, BROKER_ADDR);
        assertThat(brokerData.selectBrokerAddr()).isEqualTo(BROKER_ADDR);
        assertThat(route.getFilterServerTable()).isEmpty();
    }

    @Test
    void slaveRegistrationResponseHeaderDecodesOfficially() throws Exception {
        register("broker-a", 0, BROKER_ADDR, false);

        RemotingCommand response = register("broker-a", 1, "127.0.0.2:20911", false);

        RegisterBrokerResponseHeader header = (RegisterBrokerResponseHeader)
                response.decodeCommandCustomHeader(RegisterBrokerResponseHeader.class);
        assertThat(header.getMasterAddr()).isEqualTo(BROKER_ADDR);
        assertThat(header.getHaServerAddr()).isEqualTo("127.0.0.1:20912");
    }

    @Test
    void unknownTopicIsTopicNotExist() throws Exception {
        GetRouteInfoRequestHeader routeHeader = new GetRouteInfoRequestHeader();
        routeHeader.setTopic("Missing");

        RemotingCommand response = exchange(RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeHeader));

        assertThat(response.getCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(response.getRemark()).contains("Missing");
    }

    @Test
    void clusterInfoTopicListAndKvDecodeOfficially() throws Exception {
        register("broker-a", 0, BROKER_ADDR, false);

        ClusterInfo info = ClusterInfo.decode(exchange(RemotingCommand.createRequestCommand(
                RequestCode.GET_BROKER_CLUSTER_INFO, null)).getBody(), ClusterInfo.class);
        assertThat(info.getClusterAddrTable().get("DefaultCluster")).containsExactly("broker-a");
        assertThat(info.getBrokerAddrTable().get("broker-a").getBrokerAddrs()).containsEntry(0L, BROKER_ADDR);

        TopicList topics = TopicList.decode(exchange(RemotingCommand.createRequestCommand(
                RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, null)).getBody(), TopicList.class);
        assertThat(topics.getTopicList()).containsExactlyInAnyOrder("OrderTopic", TBW102);

        PutKVConfigRequestHeader put = new PutKVConfigRequestHeader();
        put.setNamespace("ORDER_TOPIC_CONFIG");
        put.setKey("OrderTopic");
        put.setValue("broker-a:4");
        assertThat(exchange(RemotingCommand.createRequestCommand(RequestCode.PUT_KV_CONFIG, put)).getCode())
                .isEqualTo(ResponseCode.SUCCESS);
        GetKVConfigRequestHeader get = new GetKVConfigRequestHeader();
        get.setNamespace("ORDER_TOPIC_CONFIG");
        get.setKey("OrderTopic");
        RemotingCommand got = exchange(RemotingCommand.createRequestCommand(RequestCode.GET_KV_CONFIG, get));
        GetKVConfigResponseHeader value = (GetKVConfigResponseHeader) got.decodeCommandCustomHeader(GetKVConfigResponseHeader.class);
        assertThat(value.getValue()).isEqualTo("broker-a:4");

        RemotingCommand reRegistered = register("broker-a", 0, BROKER_ADDR, false);
        assertThat(KVTable.decode(reRegistered.getBody(), KVTable.class).getTable()).containsEntry("OrderTopic", "broker-a:4");
    }
}
