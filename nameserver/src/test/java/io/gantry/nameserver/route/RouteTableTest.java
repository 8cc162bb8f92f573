package io.gantry.nameserver.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.ClusterInfo;
import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.PermName;
import io.gantry.protocol.body.QueueData;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicFilterType;
import io.gantry.protocol.body.TopicList;
import io.gantry.protocol.body.TopicRouteData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final long TIMEOUT_MS = 120_000;
    private static final DataVersion V1 = new DataVersion(1_000, 1);
    private static final DataVersion V2 = new DataVersion(2_000, 2);

    private final RouteTable table = new RouteTable(new RouteLimits(100, 1_000));

    private static Map<String, TopicConfig> topics(TopicConfig... configs) {
        Map<String, TopicConfig> map = new LinkedHashMap<>();
        for (TopicConfig config : configs) {
            map.put(config.topicName(), config);
        }
        return map;
    }

    private static BrokerRegistration registration(String cluster, String name, long id, String addr,
                                                   Map<String, TopicConfig> topics, DataVersion version, long channelId) {
        return new BrokerRegistration(cluster, name, addr, id, addr.replace(":10911", ":10912"), topics, version,
                TIMEOUT_MS, channelId);
    }

    private static BrokerRegistration master(String name, String addr, Map<String, TopicConfig> topics, DataVersion version) {
        return registration("DefaultCluster", name, 0, addr, topics, version, 7);
    }

    private static TopicConfig topic(String name, int queues, int perm) {
        return new TopicConfig(name, queues, queues, perm, TopicFilterType.SINGLE_TAG, 0, false, null);
    }

    @Test
    void registeredMasterTopicsAreRoutedWithTheBrokersAddresses() {
        RegisterResult result = table.register(master("broker-a", "10.0.0.1:10911",
                topics(TopicConfig.of("T", 4), topic("TBW102", 8, 7)), V1), 0);

        assertThat(result).isEqualTo(new RegisterResult(null, null));
        TopicRouteData route = table.route("T").orElseThrow();
        assertThat(route.queueDatas()).containsExactly(new QueueData("broker-a", 4, 4, 6, 0));
        assertThat(route.brokerDatas()).containsExactly(
                new BrokerData("DefaultCluster", "broker-a", Map.of(0L, "10.0.0.1:10911")));
        assertThat(route.filterServerTable()).isEmpty();
        assertThat(table.route("TBW102").orElseThrow().queueDatas().get(0).perm()).isEqualTo(7);
        assertThat(table.allTopics()).containsExactly("T", "TBW102");
    }

    @Test
    void unknownTopicHasNoRoute() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1), 0);

        assertThat(table.route("nope")).isEmpty();
    }

    @Test
    void topicSpreadOverTwoGroupsListsBoth() {
        table.register(master("broker-b", "10.0.0.2:10911", topics(TopicConfig.of("T", 2)), V1), 0);
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1), 0);

        TopicRouteData route = table.route("T").orElseThrow();
        assertThat(route.queueDatas()).extracting(QueueData::brokerName, QueueData::writeQueueNums)
                .containsExactly(tuple("broker-a", 4), tuple("broker-b", 2));
        assertThat(route.brokerDatas()).extracting(BrokerData::brokerName).containsExactly("broker-a", "broker-b");
    }

    @Test
    void slaveGetsItsLiveMastersAddressesAndItsTopicsAreIgnored() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1), 0);

        RegisterResult result = table.register(registration("DefaultCluster", "broker-a", 1, "10.0.0.9:10911",
                topics(TopicConfig.of("T", 4), TopicConfig.of("SlaveOnly", 4)), V2, 8), 10);

        assertThat(result).isEqualTo(new RegisterResult("10.0.0.1:10911", "10.0.0.1:10912"));
        assertThat(table.route("SlaveOnly")).isEmpty();
        assertThat(table.route("T").orElseThrow().brokerDatas().get(0).brokerAddrs())
                .containsExactly(Map.entry(0L, "10.0.0.1:10911"), Map.entry(1L, "10.0.0.9:10911"));
    }

    @Test
    void slaveWithoutLiveMasterGetsNoMasterAddress() {
        RegisterResult result = table.register(registration("DefaultCluster", "broker-a", 1, "10.0.0.9:10911",
                topics(TopicConfig.of("T", 4)), V1, 8), 0);

        assertThat(result).isEqualTo(new RegisterResult(null, null));
        assertThat(table.allTopics()).isEmpty();
        assertThat(table.clusterInfo().brokerAddrTable()).containsKey("broker-a");
    }

    @Test
    void topicsChangeOnlyWhenTheDataVersionChanges() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(topic("T", 4, 6)), V1), 0);

        table.register(master("broker-a", "10.0.0.1:10911", topics(topic("T", 8, 4), TopicConfig.of("New", 1)), V1), 1_000);
        assertThat(table.route("T").orElseThrow().queueDatas()).containsExactly(new QueueData("broker-a", 4, 4, 6, 0));
        assertThat(table.route("New")).isEmpty();

        table.register(master("broker-a", "10.0.0.1:10911", topics(topic("T", 8, 4), TopicConfig.of("New", 1)), V2), 2_000);
        assertThat(table.route("T").orElseThrow().queueDatas()).containsExactly(new QueueData("broker-a", 8, 8, 4, 0));
        assertThat(table.route("New")).isPresent();
        assertThat(table.liveInfo("DefaultCluster", "10.0.0.1:10911").orElseThrow().dataVersion()).isEqualTo(V2);
    }

    @Test
    void reRegistrationKeepsTopicsTheBrokerNoLongerListsAsRocketMqDoes() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4), TopicConfig.of("U", 4)), V1), 0);
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("U", 4)), V2), 1);

        assertThat(table.allTopics()).containsExactly("T", "U");
    }

    @Test
    void unregisteringTheLastAddressRemovesTheGroupAndItsTopics() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4), TopicConfig.of("Shared", 4)), V1), 0);
        table.register(master("broker-b", "10.0.0.2:10911", topics(TopicConfig.of("Shared", 2)), V1), 0);

        RemovedBroker removed = table.unregister("DefaultCluster", "broker-a", "10.0.0.1:10911", 0).orElseThrow();

        assertThat(removed.reason()).isEqualTo(RemovedBroker.Reason.UNREGISTERED);
        assertThat(table.route("T")).isEmpty();
        assertThat(table.route("Shared").orElseThrow().queueDatas()).extracting(QueueData::brokerName).containsExactly("broker-b");
        assertThat(table.clusterInfo().brokerAddrTable()).containsOnlyKeys("broker-b");
        assertThat(table.clusterInfo().clusterAddrTable()).containsExactly(Map.entry("DefaultCluster", Set.of("broker-b")));
        assertThat(table.liveBrokerCount()).isEqualTo(1);
    }

    @Test
    void unregisteringTheMasterKeepsTopicsWhileASlaveRemains() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1), 0);
        table.register(registration("DefaultCluster", "broker-a", 1, "10.0.0.9:10911", Map.of(), V1, 8), 0);

        table.unregister("DefaultCluster", "broker-a", "10.0.0.1:10911", 0);

        TopicRouteData route = table.route("T").orElseThrow();
        assertThat(route.brokerDatas().get(0).brokerAddrs()).containsExactly(Map.entry(1L, "10.0.0.9:10911"));
        assertThat(route.brokerDatas().get(0).masterAddr()).isNull();
    }

    @Test
    void unregisteringAnUnknownBrokerChangesNothing() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1), 0);

        assertThat(table.unregister("DefaultCluster", "broker-a", "10.0.0.7:10911", 0)).isEmpty();
        assertThat(table.unregister("DefaultCluster", "broker-z", "10.0.0.1:10911", 0)).isEmpty();
        assertThat(table.route("T")).isPresent();
    }

    @Test
    void brokerSilentForLongerThanItsTimeoutExpires() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1), 5_000);

        assertThat(table.expire(5_000 + TIMEOUT_MS)).isEmpty();
        assertThat(table.route("T")).isPresent();

        List<RemovedBroker> removed = table.expire(5_000 + TIMEOUT_MS + 1);
        assertThat(removed).containsExactly(new RemovedBroker("DefaultCluster", "broker-a", 0, "10.0.0.1:10911", 7,
                RemovedBroker.Reason.EXPIRED));
        assertThat(table.route("T")).isEmpty();
        assertThat(table.clusterInfo().brokerAddrTable()).isEmpty();
        assertThat(table.clusterInfo().clusterAddrTable()).isEmpty();
    }

    @Test
    void reRegistrationAndRefreshPostponeExpiry() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1), 0);
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1), 30_000);
        assertThat(table.expire(130_000)).isEmpty();

        assertThat(table.refresh("DefaultCluster", "10.0.0.1:10911", 100_000)).isTrue();
        assertThat(table.expire(220_000)).isEmpty();
        assertThat(table.expire(220_001)).hasSize(1);
        assertThat(table.refresh("DefaultCluster", "10.0.0.1:10911", 300_000)).isFalse();
    }

    @Test
    void closedChannelRemovesTheBrokersRegisteredOverIt() {
        table.register(registration("DefaultCluster", "broker-a", 0, "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1, 41), 0);
        table.register(registration("DefaultCluster", "broker-b", 0, "10.0.0.2:10911", topics(TopicConfig.of("T", 4)), V1, 42), 0);

        assertThat(table.onChannelClosed(99)).isEmpty();
        List<RemovedBroker> removed = table.onChannelClosed(41);

        assertThat(removed).extracting(RemovedBroker::brokerName, RemovedBroker::reason)
                .containsExactly(tuple("broker-a", RemovedBroker.Reason.CHANNEL_CLOSED));
        assertThat(table.route("T").orElseThrow().brokerDatas()).extracting(BrokerData::brokerName).containsExactly("broker-b");
    }

    @Test
    void brokerThatReconnectedIsNotRemovedWhenItsOldChannelCloses() {
        table.register(registration("DefaultCluster", "broker-a", 0, "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1, 41), 0);
        table.register(registration("DefaultCluster", "broker-a", 0, "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1, 43), 10);

        assertThat(table.onChannelClosed(41)).isEmpty();
        assertThat(table.route("T")).isPresent();
    }

    @Test
    void slavePromotedToMasterReplacesItsOldId() {
        table.register(registration("DefaultCluster", "broker-a", 1, "10.0.0.9:10911", Map.of(), V1, 8), 0);
        table.register(registration("DefaultCluster", "broker-a", 0, "10.0.0.9:10911", topics(TopicConfig.of("T", 4)), V1, 8), 10);

        assertThat(table.route("T").orElseThrow().brokerDatas().get(0).brokerAddrs())
                .containsExactly(Map.entry(0L, "10.0.0.9:10911"));
    }

    @Test
    void processThatReRegistersAsAnotherGroupLeavesTheOldOne() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 4)), V1), 0);
        table.register(master("broker-b", "10.0.0.1:10911", topics(TopicConfig.of("U", 4)), V1), 10);

        assertThat(table.clusterInfo().brokerAddrTable()).containsOnlyKeys("broker-b");
        assertThat(table.route("T")).isEmpty();
        assertThat(table.route("U")).isPresent();
        assertThat(table.expire(200_000)).extracting(RemovedBroker::brokerName).containsExactly("broker-b");
        assertThat(table.clusterInfo().brokerAddrTable()).isEmpty();
    }

    @Test
    void clusterInfoListsGroupsAndClusters() {
        table.register(registration("C1", "broker-a", 0, "10.0.0.1:10911", Map.of(), V1, 1), 0);
        table.register(registration("C1", "broker-a", 1, "10.0.0.2:10911", Map.of(), V1, 2), 0);
        table.register(registration("C2", "broker-b", 0, "10.0.0.3:10911", Map.of(), V1, 3), 0);

        ClusterInfo info = table.clusterInfo();

        assertThat(info.clusterAddrTable()).containsExactly(Map.entry("C1", Set.of("broker-a")), Map.entry("C2", Set.of("broker-b")));
        assertThat(info.brokerAddrTable().get("broker-a")).isEqualTo(
                new BrokerData("C1", "broker-a", Map.of(0L, "10.0.0.1:10911", 1L, "10.0.0.2:10911")));
        assertThat(info.brokerAddrTable().get("broker-b").cluster()).isEqualTo("C2");
    }

    @Test
    void topicsOfClusterAndSystemTopicList() {
        table.register(registration("C1", "broker-a", 0, "10.0.0.1:10911", topics(TopicConfig.of("A", 1), TopicConfig.of("S", 1)), V1, 1), 0);
        table.register(registration("C2", "broker-b", 0, "10.0.0.3:10911", topics(TopicConfig.of("B", 1), TopicConfig.of("S", 1)), V1, 3), 0);

        assertThat(table.topicsOfCluster("C1")).containsExactly("A", "S");
        assertThat(table.topicsOfCluster("C2")).containsExactly("B", "S");
        assertThat(table.topicsOfCluster("nope")).isEmpty();
        assertThat(table.systemTopicList()).isEqualTo(new TopicList(Set.of("C1", "broker-a", "C2", "broker-b"), "10.0.0.1:10911"));
        assertThat(table.systemTopicList().topicList()).containsExactly("C1", "broker-a", "C2", "broker-b");
    }

    @Test
    void wipeAndAddWritePermissionTouchOnlyThatGroup() {
        table.register(master("broker-a", "10.0.0.1:10911", topics(topic("T", 4, 6), topic("TBW102", 8, 7)), V1), 0);
        table.register(master("broker-b", "10.0.0.2:10911", topics(topic("T", 4, 6)), V1), 0);

        assertThat(table.wipeWritePerm("broker-a")).isEqualTo(2);
        assertThat(table.route("T").orElseThrow().queueDatas()).extracting(QueueData::perm).containsExactly(PermName.READ, 6);
        assertThat(table.route("TBW102").orElseThrow().queueDatas().get(0).perm()).isEqualTo(PermName.READ | PermName.INHERIT);

        assertThat(table.addWritePerm("broker-a")).isEqualTo(2);
        assertThat(table.route("TBW102").orElseThrow().queueDatas().get(0).perm()).isEqualTo(6);
        assertThat(table.wipeWritePerm("nope")).isZero();
    }

    @Test
    void deleteTopicEverywhereOrInOneCluster() {
        table.register(registration("C1", "broker-a", 0, "10.0.0.1:10911", topics(TopicConfig.of("T", 1), TopicConfig.of("U", 1)), V1, 1), 0);
        table.register(registration("C2", "broker-b", 0, "10.0.0.3:10911", topics(TopicConfig.of("T", 1)), V1, 3), 0);

        assertThat(table.deleteTopic("T", "C1")).isTrue();
        assertThat(table.route("T").orElseThrow().queueDatas()).extracting(QueueData::brokerName).containsExactly("broker-b");
        assertThat(table.deleteTopic("U", null)).isTrue();
        assertThat(table.route("U")).isEmpty();
        assertThat(table.deleteTopic("T", "C2")).isTrue();
        assertThat(table.allTopics()).isEmpty();
        assertThat(table.deleteTopic("T", "")).isFalse();
    }

    @Test
    void dataVersionQuestion() {
        assertThat(table.isDataVersionChanged("DefaultCluster", "10.0.0.1:10911", V1)).isTrue();
        table.register(master("broker-a", "10.0.0.1:10911", Map.of(), V1), 0);
        assertThat(table.isDataVersionChanged("DefaultCluster", "10.0.0.1:10911", V1)).isFalse();
        assertThat(table.isDataVersionChanged("DefaultCluster", "10.0.0.1:10911", V2)).isTrue();
        assertThat(table.isDataVersionChanged("OtherCluster", "10.0.0.1:10911", V1)).isTrue();
    }

    @Test
    void limitsRefuseARegistrationWithoutChangingAnything() {
        RouteTable small = new RouteTable(new RouteLimits(1, 2));
        small.register(master("broker-a", "10.0.0.1:10911", topics(TopicConfig.of("T", 1)), V1), 0);

        assertThatThrownBy(() -> small.register(master("broker-b", "10.0.0.2:10911", Map.of(), V1), 0))
                .isInstanceOf(RouteTableFullException.class).hasMessageContaining("broker addresses");
        assertThatThrownBy(() -> small.register(master("broker-a", "10.0.0.1:10911",
                topics(TopicConfig.of("U", 1), TopicConfig.of("V", 1)), V2), 0))
                .isInstanceOf(RouteTableFullException.class).hasMessageContaining("topics");
        assertThat(small.allTopics()).containsExactly("T");
        assertThat(small.liveInfo("DefaultCluster", "10.0.0.1:10911").orElseThrow().dataVersion()).isEqualTo(V1);
        assertThat(small.clusterInfo().brokerAddrTable()).containsOnlyKeys("broker-a");
    }
}
