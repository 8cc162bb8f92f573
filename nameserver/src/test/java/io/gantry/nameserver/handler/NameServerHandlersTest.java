package io.gantry.nameserver.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.nameserver.kv.KvConfigTable;
import io.gantry.nameserver.route.RouteLimits;
import io.gantry.nameserver.route.RouteTable;
import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.ClusterInfo;
import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.KVTable;
import io.gantry.protocol.body.QueueData;
import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.body.TopicList;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.protocol.header.DeleteKVConfigRequestHeader;
import io.gantry.protocol.header.DeleteTopicFromNamesrvRequestHeader;
import io.gantry.protocol.header.GetKVConfigRequestHeader;
import io.gantry.protocol.header.GetKVListByNamespaceRequestHeader;
import io.gantry.protocol.header.GetRouteInfoRequestHeader;
import io.gantry.protocol.header.GetTopicsByClusterRequestHeader;
import io.gantry.protocol.header.PutKVConfigRequestHeader;
import io.gantry.protocol.header.QueryDataVersionRequestHeader;
import io.gantry.protocol.header.RegisterBrokerRequestHeader;
import io.gantry.protocol.header.UnregisterBrokerRequestHeader;
import io.gantry.protocol.header.WipeWritePermOfBrokerRequestHeader;
import io.gantry.protocol.header.AddWritePermOfBrokerRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameServerHandlersTest {

    private static final String ADDR = "127.0.0.1:10911";
    private static final DataVersion V1 = new DataVersion(1_700_000_000_000L, 3);

    private final RouteTable routes = new RouteTable(new RouteLimits(100, 1_000));
    private final KvConfigTable kv = new KvConfigTable(100);
    private NameServerHandlers handlers = new NameServerHandlers(NameServerConfig.defaults(), routes, kv);
    private long nowMs = 1_000;
    private int nextOpaque = 1;

    private RemotingCommand call(RemotingCommand.Builder request) {
        RemotingCommand built = request.opaque(nextOpaque++).build();
        RemotingCommand response = handlers.handle(new RequestContext(5, "127.0.0.1:50000", nowMs), built);
        assertThat(response.isResponse()).isTrue();
        assertThat(response.opaque()).isEqualTo(built.opaque());
        return response;
    }

    private static RegisterBrokerRequestHeader registerHeader(String brokerName, String addr, long brokerId, Integer crc) {
        return new RegisterBrokerRequestHeader(brokerName, addr, "DefaultCluster", addr.replace("10911", "10912"),
                brokerId, false, crc, null, null);
    }

    private static byte[] registerBody(DataVersion version, TopicConfig... configs) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (TopicConfig config : configs) {
            table.put(config.topicName(), config);
        }
        return RemotingJson.encode(new RegisterBrokerBody(new TopicConfigSerializeWrapper(table, version), List.of()));
    }

    private RemotingCommand register(String brokerName, String addr, long brokerId, TopicConfig... configs) {
        byte[] body = registerBody(V1, configs);
        return call(RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .header(registerHeader(brokerName, addr, brokerId, RegisterBrokerBodyDecoder.crc32(body)))
                .body(body));
    }

    private RemotingCommand route(String topic) {
        return call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).header(new GetRouteInfoRequestHeader(topic, null)));
    }

    @Test
    void registeredBrokerIsRouted() {
        RemotingCommand registered = register("broker-a", ADDR, 0, TopicConfig.of("T", 4));
        assertThat(registered.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(registered.extFields()).isEmpty();
        assertThat(registered.body()).isNull();

        RemotingCommand response = route("T");

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        TopicRouteData route = RemotingJson.decode(response.body(), TopicRouteData.class);
        assertThat(route.queueDatas()).containsExactly(new QueueData("broker-a", 4, 4, 6, 0));
        assertThat(route.brokerDatas()).containsExactly(new BrokerData("DefaultCluster", "broker-a", Map.of(0L, ADDR)));
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\"}")
                .contains("\"filterServerTable\":{}");
    }

    @Test
    void unknownTopicIsTopicNotExistWithRemark() {
        RemotingCommand response = route("Nope");

        assertThat(response.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(response.remark()).contains("Nope");
        assertThat(response.body()).isNull();
    }

    @Test
    void slaveRegistrationAnswersWithMasterAddresses() {
        register("broker-a", ADDR, 0, TopicConfig.of("T", 4));

        RemotingCommand response = register("broker-a", "127.0.0.2:10911", 1);

        assertThat(response.extFields()).containsExactlyInAnyOrderEntriesOf(
                Map.of("masterAddr", ADDR, "haServerAddr", "127.0.0.1:10912"));
    }

    @Test
    void registerResponseCarriesTheOrderTopicConfig() {
        call(RemotingCommand.request(RequestCode.PUT_KV_CONFIG)
                .header(new PutKVConfigRequestHeader(KvConfigTable.ORDER_TOPIC_CONFIG, "T", "broker-a:4")));

        RemotingCommand response = register("broker-a", ADDR, 0, TopicConfig.of("T", 4));

        assertThat(RemotingJson.decode(response.body(), KVTable.class).table()).containsExactly(Map.entry("T", "broker-a:4"));
    }

    @Test
    void routeCarriesOrderTopicConfOnlyWhenEnabled() {
        register("broker-a", ADDR, 0, TopicConfig.of("T", 4));
        kv.put(KvConfigTable.ORDER_TOPIC_CONFIG, "T", "broker-a:4");
        assertThat(RemotingJson.decode(route("T").body(), TopicRouteData.class).orderTopicConf()).isNull();

        handlers = new NameServerHandlers(NameServerConfig.defaults().withOrderMessageEnable(true), routes, kv);

        assertThat(RemotingJson.decode(route("T").body(), TopicRouteData.class).orderTopicConf()).isEqualTo("broker-a:4");
    }

    @Test
    void malformedOrMissingHeaderFieldsAnswerSystemErrorNamingTheField() {
        RemotingCommand missing = call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC));
        assertThat(missing.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(missing.remark()).contains("topic");

        RemotingCommand badId = call(RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .header(registerHeader("broker-a", ADDR, 0, null)).extField("brokerId", "zero"));
        assertThat(badId.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(badId.remark()).contains("brokerId");
        assertThat(routes.liveBrokerCount()).isZero();
    }

    @Test
    void badBodiesAndCrcMismatchAreRefusedAndNothingIsRegistered() {
        byte[] body = registerBody(V1, TopicConfig.of("T", 4));
        RemotingCommand crc = call(RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .header(registerHeader("broker-a", ADDR, 0, RegisterBrokerBodyDecoder.crc32(body) ^ 1)).body(body));
        assertThat(crc.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(crc.remark()).isEqualTo("crc32 not match");

        RemotingCommand notJson = call(RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .header(registerHeader("broker-a", ADDR, 0, null)).body("{not json".getBytes(StandardCharsets.UTF_8)));
        assertThat(notJson.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(notJson.remark()).contains("JSON");

        RemotingCommand negativeId = call(RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .header(registerHeader("broker-a", ADDR, -1, null)));
        assertThat(negativeId.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(routes.liveBrokerCount()).isZero();
    }

    @Test
    void oldBrokersSendABareTopicConfigWrapper() {
        Map<String, TopicConfig> table = Map.of("Old", TopicConfig.of("Old", 2));
        RemotingCommand response = call(RemotingCommand.request(RequestCode.REGISTER_BROKER).version(26)
                .header(registerHeader("broker-a", ADDR, 0, null))
                .body(RemotingJson.encode(new TopicConfigSerializeWrapper(table, V1))));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(route("Old").code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void modernBodyWithVersionZeroStillRegistersItsTopics() {
        byte[] body = registerBody(V1, TopicConfig.of("T", 4));
        RemotingCommand response = call(RemotingCommand.request(RequestCode.REGISTER_BROKER).version(0)
                .header(registerHeader("broker-a", ADDR, 0, null)).body(body));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(route("T").code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void registrationWithoutBodyRegistersTheAddressOnly() {
        RemotingCommand response = call(RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .header(registerHeader("broker-a", ADDR, 0, null)));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(routes.liveInfo("DefaultCluster", ADDR).orElseThrow().dataVersion()).isEqualTo(new DataVersion(0, 0));
        assertThat(routes.clusterInfo().brokerAddrTable()).containsOnlyKeys("broker-a");
    }

    @Test
    void brokerAskedTimeoutIsUsed() {
        call(RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .header(new RegisterBrokerRequestHeader("broker-a", ADDR, "DefaultCluster", "x:1", 0L, false, null, 30_000L, null)));

        assertThat(routes.liveInfo("DefaultCluster", ADDR).orElseThrow().timeoutMs()).isEqualTo(30_000);
        assertThat(routes.expire(nowMs + 30_001)).hasSize(1);
    }

    @Test
    void brokerHeartbeatKeepsAShortTimeoutBrokerLive() {
        call(RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .header(new RegisterBrokerRequestHeader("broker-a", ADDR, "DefaultCluster", "x:1", 0L, false, null, 10_000L, true)));

        nowMs += 8_000;
        RemotingCommand beat = call(RemotingCommand.request(RequestCode.BROKER_HEARTBEAT)
                .extField("clusterName", "DefaultCluster").extField("brokerAddr", ADDR).extField("brokerName", "broker-a")
                .extField("epoch", "0"));

        assertThat(beat.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(routes.expire(nowMs + 9_000)).isEmpty();
        assertThat(routes.expire(nowMs + 10_001)).hasSize(1);
    }

    @Test
    void unregisterRemovesTheRoute() {
        register("broker-a", ADDR, 0, TopicConfig.of("T", 4));

        RemotingCommand response = call(RemotingCommand.request(RequestCode.UNREGISTER_BROKER)
                .header(new UnregisterBrokerRequestHeader("broker-a", ADDR, "DefaultCluster", 0L)));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(route("T").code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void clusterInfoAndTopicLists() {
        register("broker-a", ADDR, 0, TopicConfig.of("T", 4), TopicConfig.of("U", 1));

        ClusterInfo info = RemotingJson.decode(call(RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO)).body(), ClusterInfo.class);
        assertThat(info.clusterAddrTable()).containsExactly(Map.entry("DefaultCluster", Set.of("broker-a")));
        assertThat(info.brokerAddrTable().get("broker-a").brokerAddrs()).containsExactly(Map.entry(0L, ADDR));

        TopicList all = RemotingJson.decode(call(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)).body(), TopicList.class);
        assertThat(all.topicList()).containsExactly("T", "U");

        TopicList byCluster = RemotingJson.decode(call(RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER)
                .header(new GetTopicsByClusterRequestHeader("DefaultCluster"))).body(), TopicList.class);
        assertThat(byCluster.topicList()).containsExactly("T", "U");

        TopicList system = RemotingJson.decode(call(RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS)).body(), TopicList.class);
        assertThat(system.topicList()).containsExactly("DefaultCluster", "broker-a");
        assertThat(system.brokerAddr()).isEqualTo(ADDR);
    }

    @Test
    void unitTopicLists() {
        register("broker-a", ADDR, 0,
                new TopicConfig("Unit", 1, 1, 6, null, TopicHandlers.FLAG_UNIT, false, null),
                new TopicConfig("UnitSub", 1, 1, 6, null, TopicHandlers.FLAG_UNIT_SUB, false, null),
                new TopicConfig("Both", 1, 1, 6, null, TopicHandlers.FLAG_UNIT | TopicHandlers.FLAG_UNIT_SUB, false, null),
                TopicConfig.of("Plain", 1));

        assertThat(topicList(RequestCode.GET_UNIT_TOPIC_LIST)).containsExactly("Both", "Unit");
        assertThat(topicList(RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST)).containsExactly("Both", "UnitSub");
        assertThat(topicList(RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST)).containsExactly("UnitSub");
    }

    private Set<String> topicList(int code) {
        return RemotingJson.decode(call(RemotingCommand.request(code)).body(), TopicList.class).topicList();
    }

    @Test
    void writePermissionAndTopicDeletion() {
        register("broker-a", ADDR, 0, TopicConfig.of("T", 4), TopicConfig.of("U", 4));

        RemotingCommand wiped = call(RemotingCommand.request(RequestCode.WIPE_WRITE_PERM_OF_BROKER)
                .header(new WipeWritePermOfBrokerRequestHeader("broker-a")));
        assertThat(wiped.extFields()).containsExactly(Map.entry("wipeTopicCount", "2"));
        assertThat(RemotingJson.decode(route("T").body(), TopicRouteData.class).queueDatas().get(0).perm()).isEqualTo(4);

        RemotingCommand added = call(RemotingCommand.request(RequestCode.ADD_WRITE_PERM_OF_BROKER)
                .header(new AddWritePermOfBrokerRequestHeader("broker-a")));
        assertThat(added.extFields()).containsExactly(Map.entry("addTopicCount", "2"));
        assertThat(RemotingJson.decode(route("T").body(), TopicRouteData.class).queueDatas().get(0).perm()).isEqualTo(6);

        RemotingCommand deleted = call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV)
                .header(new DeleteTopicFromNamesrvRequestHeader("T", null)));
        assertThat(deleted.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(route("T").code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(route("U").code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void kvConfigRequests() {
        assertThat(call(RemotingCommand.request(RequestCode.PUT_KV_CONFIG)
                .header(new PutKVConfigRequestHeader("NS", "k", "v"))).code()).isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand got = call(RemotingCommand.request(RequestCode.GET_KV_CONFIG).header(new GetKVConfigRequestHeader("NS", "k")));
        assertThat(got.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(got.extFields()).containsExactly(Map.entry("value", "v"));

        RemotingCommand list = call(RemotingCommand.request(RequestCode.GET_KVLIST_BY_NAMESPACE)
                .header(new GetKVListByNamespaceRequestHeader("NS")));
        assertThat(RemotingJson.decode(list.body(), KVTable.class).table()).containsExactly(Map.entry("k", "v"));

        call(RemotingCommand.request(RequestCode.DELETE_KV_CONFIG).header(new DeleteKVConfigRequestHeader("NS", "k")));
        RemotingCommand missing = call(RemotingCommand.request(RequestCode.GET_KV_CONFIG).header(new GetKVConfigRequestHeader("NS", "k")));
        assertThat(missing.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(missing.remark()).contains("NS").contains("k");
        assertThat(call(RemotingCommand.request(RequestCode.GET_KVLIST_BY_NAMESPACE)
                .header(new GetKVListByNamespaceRequestHeader("NS"))).code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
    }

    @Test
    void queryDataVersionTellsWhetherTheTopicTableChangedAndRefreshes() {
        register("broker-a", ADDR, 0, TopicConfig.of("T", 4));
        QueryDataVersionRequestHeader header = new QueryDataVersionRequestHeader("broker-a", ADDR, "DefaultCluster", 0L);

        nowMs = 100_000;
        RemotingCommand same = call(RemotingCommand.request(RequestCode.QUERY_DATA_VERSION).header(header).body(RemotingJson.encode(V1)));
        assertThat(same.extFields()).containsExactly(Map.entry("changed", "false"));
        assertThat(RemotingJson.decode(same.body(), DataVersion.class)).isEqualTo(V1);
        assertThat(routes.liveInfo("DefaultCluster", ADDR).orElseThrow().lastUpdateMs()).isEqualTo(100_000);

        nowMs = 110_000;
        RemotingCommand changed = call(RemotingCommand.request(RequestCode.QUERY_DATA_VERSION).header(header)
                .body(RemotingJson.encode(V1.next(5))));
        assertThat(changed.extFields()).containsExactly(Map.entry("changed", "true"));
        assertThat(routes.liveInfo("DefaultCluster", ADDR).orElseThrow().lastUpdateMs()).isEqualTo(100_000);

        RemotingCommand noBody = call(RemotingCommand.request(RequestCode.QUERY_DATA_VERSION).header(header));
        assertThat(noBody.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    }

    @Test
    void namesrvConfigIsShownAsProperties() {
        RemotingCommand response = call(RemotingCommand.request(RequestCode.GET_NAMESRV_CONFIG));

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("listenPort=9876\n")
                .contains("brokerChannelExpiredTime=120000\n");
    }

    @Test
    void unknownCodeIsNotSupported() {
        RemotingCommand response = call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2));

        assertThat(response.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        assertThat(handlers.handlers()).doesNotContainKey(RequestCode.SEND_MESSAGE_V2)
                .containsKeys(RequestCode.REGISTER_BROKER, RequestCode.GET_ROUTEINFO_BY_TOPIC, RequestCode.GET_KVLIST_BY_NAMESPACE);
    }

    @Test
    void routeIsReadableAsAGenericMapLikeAnyJsonClientWould() {
        register("broker-a", ADDR, 0, TopicConfig.of("T", 4));

        Map<String, Object> json = RemotingJson.decode(route("T").body(), new TypeReference<Map<String, Object>>() { });

        assertThat(json).containsKeys("brokerDatas", "queueDatas", "filterServerTable").doesNotContainKey("orderTopicConf");
    }
}
