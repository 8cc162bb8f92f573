package io.gantry.compat.rocketmq4;

import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.CheckClientRequestBody;
import io.gantry.protocol.body.ClientConnection;
import io.gantry.protocol.body.ConsumerConnection;
import io.gantry.protocol.body.ConsumerOffsetSerializeWrapper;
import io.gantry.protocol.body.GetConsumerListByGroupResponseBody;
import io.gantry.protocol.body.GroupList;
import io.gantry.protocol.body.KVTable;
import io.gantry.protocol.body.ProducerConnection;
import io.gantry.protocol.body.ResetOffsetBody;
import io.gantry.protocol.body.TopicList;
import io.gantry.protocol.body.TopicOffset;
import io.gantry.protocol.body.TopicStatsTable;
import io.gantry.protocol.body.UnlockBatchRequestBody;
import io.gantry.protocol.body.ClusterInfo;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.ConsumeStats;
import io.gantry.protocol.body.ConsumeType;
import io.gantry.protocol.body.ConsumerData;
import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.HeartbeatData;
import io.gantry.protocol.body.LockBatchRequestBody;
import io.gantry.protocol.body.LockBatchResponseBody;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.OffsetWrapper;
import io.gantry.protocol.body.ProducerData;
import io.gantry.protocol.body.QueueData;
import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.body.TopicFilterType;
import io.gantry.protocol.body.TopicRouteData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Field-by-field converters between Gantry's body records and the official 4.9.8 body classes.
 * The cross-checks compare through them: official object -> {@code fromOfficial} -> equals the
 * Gantry record it should be. Each converter touches every field of both sides, and nothing else.
 */
final class OfficialBodies {

    private OfficialBodies() {
    }

    // ---- official -> Gantry ----

    static TopicRouteData fromOfficial(org.apache.rocketmq.common.protocol.route.TopicRouteData o) {
        return new TopicRouteData(o.getOrderTopicConf(), mapList(o.getQueueDatas(), OfficialBodies::fromOfficial),
                mapList(o.getBrokerDatas(), OfficialBodies::fromOfficial), o.getFilterServerTable());
    }

    static QueueData fromOfficial(org.apache.rocketmq.common.protocol.route.QueueData o) {
        return new QueueData(o.getBrokerName(), o.getReadQueueNums(), o.getWriteQueueNums(), o.getPerm(), o.getTopicSysFlag());
    }

    static BrokerData fromOfficial(org.apache.rocketmq.common.protocol.route.BrokerData o) {
        return new BrokerData(o.getCluster(), o.getBrokerName(), o.getBrokerAddrs());
    }

    static HeartbeatData fromOfficial(org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData o) {
        return new HeartbeatData(o.getClientID(), mapSet(o.getProducerDataSet(), p -> new ProducerData(p.getGroupName())),
                mapSet(o.getConsumerDataSet(), OfficialBodies::fromOfficial));
    }

    static ConsumerData fromOfficial(org.apache.rocketmq.common.protocol.heartbeat.ConsumerData o) {
        return new ConsumerData(o.getGroupName(), byName(ConsumeType.class, o.getConsumeType()),
                byName(MessageModel.class, o.getMessageModel()), byName(ConsumeFromWhere.class, o.getConsumeFromWhere()),
                mapSet(o.getSubscriptionDataSet(), OfficialBodies::fromOfficial), o.isUnitMode());
    }

    static SubscriptionData fromOfficial(org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData o) {
        return new SubscriptionData(o.isClassFilterMode(), o.getTopic(), o.getSubString(), o.getTagsSet(), o.getCodeSet(),
                o.getSubVersion(), o.getExpressionType());
    }

    static ClusterInfo fromOfficial(org.apache.rocketmq.common.protocol.body.ClusterInfo o) {
        return new ClusterInfo(mapValues(o.getBrokerAddrTable(), OfficialBodies::fromOfficial), o.getClusterAddrTable());
    }

    static MessageQueue fromOfficial(org.apache.rocketmq.common.message.MessageQueue o) {
        return new MessageQueue(o.getTopic(), o.getBrokerName(), o.getQueueId());
    }

    static LockBatchRequestBody fromOfficial(org.apache.rocketmq.common.protocol.body.LockBatchRequestBody o) {
        return new LockBatchRequestBody(o.getConsumerGroup(), o.getClientId(), null,
                mapSet(o.getMqSet(), OfficialBodies::fromOfficial));
    }

    static LockBatchResponseBody fromOfficial(org.apache.rocketmq.common.protocol.body.LockBatchResponseBody o) {
        return new LockBatchResponseBody(mapSet(o.getLockOKMQSet(), OfficialBodies::fromOfficial));
    }

    static ConsumeStats fromOfficial(org.apache.rocketmq.common.admin.ConsumeStats o) {
        Map<MessageQueue, OffsetWrapper> offsets = new LinkedHashMap<>();
        o.getOffsetTable().forEach((mq, w) -> offsets.put(fromOfficial(mq),
                new OffsetWrapper(w.getBrokerOffset(), w.getConsumerOffset(), w.getLastTimestamp())));
        return new ConsumeStats(offsets, o.getConsumeTps());
    }

    static TopicConfig fromOfficial(org.apache.rocketmq.common.TopicConfig o) {
        return new TopicConfig(o.getTopicName(), o.getReadQueueNums(), o.getWriteQueueNums(), o.getPerm(),
                byName(TopicFilterType.class, o.getTopicFilterType()), o.getTopicSysFlag(), o.isOrder(), null);
    }

    static TopicConfigSerializeWrapper fromOfficial(org.apache.rocketmq.common.protocol.body.TopicConfigSerializeWrapper o) {
        return new TopicConfigSerializeWrapper(mapValues(o.getTopicConfigTable(), OfficialBodies::fromOfficial),
                new DataVersion(o.getDataVersion().getTimestamp(), o.getDataVersion().getCounter().get()));
    }

    static RegisterBrokerBody fromOfficial(org.apache.rocketmq.common.protocol.body.RegisterBrokerBody o) {
        return new RegisterBrokerBody(fromOfficial(o.getTopicConfigSerializeWrapper()), o.getFilterServerList());
    }

    // ---- Gantry -> official ----

    static org.apache.rocketmq.common.protocol.route.TopicRouteData toOfficial(TopicRouteData g) {
        var o = new org.apache.rocketmq.common.protocol.route.TopicRouteData();
        o.setOrderTopicConf(g.orderTopicConf());
        o.setQueueDatas(mapList(g.queueDatas(), OfficialBodies::toOfficial));
        o.setBrokerDatas(mapList(g.brokerDatas(), OfficialBodies::toOfficial));
        o.setFilterServerTable(new HashMap<>(g.filterServerTable()));
        return o;
    }

    static org.apache.rocketmq.common.protocol.route.QueueData toOfficial(QueueData g) {
        var o = new org.apache.rocketmq.common.protocol.route.QueueData();
        o.setBrokerName(g.brokerName());
        o.setReadQueueNums(g.readQueueNums());
        o.setWriteQueueNums(g.writeQueueNums());
        o.setPerm(g.perm());
        o.setTopicSysFlag(g.topicSysFlag());
        return o;
    }

    static org.apache.rocketmq.common.protocol.route.BrokerData toOfficial(BrokerData g) {
        return new org.apache.rocketmq.common.protocol.route.BrokerData(g.cluster(), g.brokerName(),
                new HashMap<>(g.brokerAddrs()));
    }

    static org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData toOfficial(HeartbeatData g) {
        var o = new org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData();
        o.setClientID(g.clientID());
        o.setProducerDataSet(mapSet(g.producerDataSet(), p -> {
            var producer = new org.apache.rocketmq.common.protocol.heartbeat.ProducerData();
            producer.setGroupName(p.groupName());
            return producer;
        }));
        o.setConsumerDataSet(mapSet(g.consumerDataSet(), OfficialBodies::toOfficial));
        return o;
    }

    static org.apache.rocketmq.common.protocol.heartbeat.ConsumerData toOfficial(ConsumerData g) {
        var o = new org.apache.rocketmq.common.protocol.heartbeat.ConsumerData();
        o.setGroupName(g.groupName());
        o.setConsumeType(byName(org.apache.rocketmq.common.protocol.heartbeat.ConsumeType.class, g.consumeType()));
        o.setMessageModel(byName(org.apache.rocketmq.common.protocol.heartbeat.MessageModel.class, g.messageModel()));
        o.setConsumeFromWhere(byName(org.apache.rocketmq.common.consumer.ConsumeFromWhere.class, g.consumeFromWhere()));
        o.setSubscriptionDataSet(mapSet(g.subscriptionDataSet(), OfficialBodies::toOfficial));
        o.setUnitMode(g.unitMode());
        return o;
    }

    static org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData toOfficial(SubscriptionData g) {
        var o = new org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData();
        o.setClassFilterMode(g.classFilterMode());
        o.setTopic(g.topic());
        o.setSubString(g.subString());
        o.setTagsSet(new HashSet<>(g.tagsSet()));
        o.setCodeSet(new HashSet<>(g.codeSet()));
        o.setSubVersion(g.subVersion());
        o.setExpressionType(g.expressionType());
        return o;
    }

    static org.apache.rocketmq.common.protocol.body.ClusterInfo toOfficial(ClusterInfo g) {
        var o = new org.apache.rocketmq.common.protocol.body.ClusterInfo();
        o.setBrokerAddrTable(new HashMap<>(mapValues(g.brokerAddrTable(), OfficialBodies::toOfficial)));
        HashMap<String, Set<String>> clusters = new HashMap<>();
        g.clusterAddrTable().forEach((k, v) -> clusters.put(k, new HashSet<>(v)));
        o.setClusterAddrTable(clusters);
        return o;
    }

    static org.apache.rocketmq.common.message.MessageQueue toOfficial(MessageQueue g) {
        return new org.apache.rocketmq.common.message.MessageQueue(g.topic(), g.brokerName(), g.queueId());
    }

    static org.apache.rocketmq.common.protocol.body.LockBatchRequestBody toOfficial(LockBatchRequestBody g) {
        var o = new org.apache.rocketmq.common.protocol.body.LockBatchRequestBody();
        o.setConsumerGroup(g.consumerGroup());
        o.setClientId(g.clientId());
        o.setMqSet(mapSet(g.mqSet(), OfficialBodies::toOfficial));
        return o;
    }

    static org.apache.rocketmq.common.protocol.body.LockBatchResponseBody toOfficial(LockBatchResponseBody g) {
        var o = new org.apache.rocketmq.common.protocol.body.LockBatchResponseBody();
        o.setLockOKMQSet(mapSet(g.lockOKMQSet(), OfficialBodies::toOfficial));
        return o;
    }

    static org.apache.rocketmq.common.admin.ConsumeStats toOfficial(ConsumeStats g) {
        var o = new org.apache.rocketmq.common.admin.ConsumeStats();
        g.offsetTable().forEach((mq, w) -> {
            var wrapper = new org.apache.rocketmq.common.admin.OffsetWrapper();
            wrapper.setBrokerOffset(w.brokerOffset());
            wrapper.setConsumerOffset(w.consumerOffset());
            wrapper.setLastTimestamp(w.lastTimestamp());
            o.getOffsetTable().put(toOfficial(mq), wrapper);
        });
        o.setConsumeTps(g.consumeTps());
        return o;
    }

    static org.apache.rocketmq.common.TopicConfig toOfficial(TopicConfig g) {
        var o = new org.apache.rocketmq.common.TopicConfig(g.topicName(), g.readQueueNums(), g.writeQueueNums(), g.perm());
        o.setTopicFilterType(byName(org.apache.rocketmq.common.TopicFilterType.class, g.topicFilterType()));
        o.setTopicSysFlag(g.topicSysFlag());
        o.setOrder(g.order());
        return o;
    }

    static org.apache.rocketmq.common.protocol.body.TopicConfigSerializeWrapper toOfficial(TopicConfigSerializeWrapper g) {
        var o = new org.apache.rocketmq.common.protocol.body.TopicConfigSerializeWrapper();
        o.setTopicConfigTable(new ConcurrentHashMap<>(mapValues(g.topicConfigTable(), OfficialBodies::toOfficial)));
        var version = new org.apache.rocketmq.common.DataVersion();
        version.setTimestamp(g.dataVersion().timestamp());
        version.setCounter(new AtomicLong(g.dataVersion().counter()));
        o.setDataVersion(version);
        return o;
    }

    static org.apache.rocketmq.common.protocol.body.RegisterBrokerBody toOfficial(RegisterBrokerBody g) {
        var o = new org.apache.rocketmq.common.protocol.body.RegisterBrokerBody();
        o.setTopicConfigSerializeWrapper(toOfficial(g.topicConfigSerializeWrapper()));
        o.setFilterServerList(new ArrayList<>(g.filterServerList()));
        return o;
    }

    // ---- admin and client bodies, both directions ----

    static TopicStatsTable fromOfficial(org.apache.rocketmq.common.admin.TopicStatsTable o) {
        Map<MessageQueue, TopicOffset> offsets = new LinkedHashMap<>();
        o.getOffsetTable().forEach((mq, t) -> offsets.put(fromOfficial(mq),
                new TopicOffset(t.getMinOffset(), t.getMaxOffset(), t.getLastUpdateTimestamp())));
        return new TopicStatsTable(offsets);
    }

    static org.apache.rocketmq.common.admin.TopicStatsTable toOfficial(TopicStatsTable g) {
        var o = new org.apache.rocketmq.common.admin.TopicStatsTable();
        g.offsetTable().forEach((mq, t) -> {
            var offset = new org.apache.rocketmq.common.admin.TopicOffset();
            offset.setMinOffset(t.minOffset());
            offset.setMaxOffset(t.maxOffset());
            offset.setLastUpdateTimestamp(t.lastUpdateTimestamp());
            o.getOffsetTable().put(toOfficial(mq), offset);
        });
        return o;
    }

    static ResetOffsetBody fromOfficial(org.apache.rocketmq.common.protocol.body.ResetOffsetBody o) {
        Map<MessageQueue, Long> offsets = new LinkedHashMap<>();
        o.getOffsetTable().forEach((mq, offset) -> offsets.put(fromOfficial(mq), offset));
        return new ResetOffsetBody(offsets);
    }

    static org.apache.rocketmq.common.protocol.body.ResetOffsetBody toOfficial(ResetOffsetBody g) {
        var o = new org.apache.rocketmq.common.protocol.body.ResetOffsetBody();
        Map<org.apache.rocketmq.common.message.MessageQueue, Long> offsets = new HashMap<>();
        g.offsetTable().forEach((mq, offset) -> offsets.put(toOfficial(mq), offset));
        o.setOffsetTable(offsets);
        return o;
    }

    static ConsumerOffsetSerializeWrapper fromOfficial(org.apache.rocketmq.common.protocol.body.ConsumerOffsetSerializeWrapper o) {
        return new ConsumerOffsetSerializeWrapper(mapValues(o.getOffsetTable(), LinkedHashMap::new));
    }

    static org.apache.rocketmq.common.protocol.body.ConsumerOffsetSerializeWrapper toOfficial(ConsumerOffsetSerializeWrapper g) {
        var o = new org.apache.rocketmq.common.protocol.body.ConsumerOffsetSerializeWrapper();
        g.offsetTable().forEach((topicAtGroup, offsets) -> o.getOffsetTable().put(topicAtGroup, new ConcurrentHashMap<>(offsets)));
        return o;
    }

    static KVTable fromOfficial(org.apache.rocketmq.common.protocol.body.KVTable o) {
        return new KVTable(o.getTable());
    }

    static org.apache.rocketmq.common.protocol.body.KVTable toOfficial(KVTable g) {
        var o = new org.apache.rocketmq.common.protocol.body.KVTable();
        o.setTable(new HashMap<>(g.table()));
        return o;
    }

    static TopicList fromOfficial(org.apache.rocketmq.common.protocol.body.TopicList o) {
        return new TopicList(o.getTopicList(), o.getBrokerAddr());
    }

    static org.apache.rocketmq.common.protocol.body.TopicList toOfficial(TopicList g) {
        var o = new org.apache.rocketmq.common.protocol.body.TopicList();
        o.setTopicList(new HashSet<>(g.topicList()));
        o.setBrokerAddr(g.brokerAddr());
        return o;
    }

    static GroupList fromOfficial(org.apache.rocketmq.common.protocol.body.GroupList o) {
        return new GroupList(o.getGroupList());
    }

    static org.apache.rocketmq.common.protocol.body.GroupList toOfficial(GroupList g) {
        var o = new org.apache.rocketmq.common.protocol.body.GroupList();
        o.setGroupList(new HashSet<>(g.groupList()));
        return o;
    }

    static GetConsumerListByGroupResponseBody fromOfficial(org.apache.rocketmq.common.protocol.header.GetConsumerListByGroupResponseBody o) {
        return new GetConsumerListByGroupResponseBody(o.getConsumerIdList());
    }

    static org.apache.rocketmq.common.protocol.header.GetConsumerListByGroupResponseBody toOfficial(GetConsumerListByGroupResponseBody g) {
        var o = new org.apache.rocketmq.common.protocol.header.GetConsumerListByGroupResponseBody();
        o.setConsumerIdList(new ArrayList<>(g.consumerIdList()));
        return o;
    }

    static UnlockBatchRequestBody fromOfficial(org.apache.rocketmq.common.protocol.body.UnlockBatchRequestBody o) {
        return new UnlockBatchRequestBody(o.getConsumerGroup(), o.getClientId(), null,
                mapSet(o.getMqSet(), OfficialBodies::fromOfficial));
    }

    static org.apache.rocketmq.common.protocol.body.UnlockBatchRequestBody toOfficial(UnlockBatchRequestBody g) {
        var o = new org.apache.rocketmq.common.protocol.body.UnlockBatchRequestBody();
        o.setConsumerGroup(g.consumerGroup());
        o.setClientId(g.clientId());
        o.setMqSet(mapSet(g.mqSet(), OfficialBodies::toOfficial));
        return o;
    }

    static ClientConnection fromOfficial(org.apache.rocketmq.common.protocol.body.Connection o) {
        return new ClientConnection(o.getClientId(), o.getClientAddr(),
                byName(io.gantry.protocol.remoting.LanguageCode.class, o.getLanguage()), o.getVersion());
    }

    static org.apache.rocketmq.common.protocol.body.Connection toOfficial(ClientConnection g) {
        var o = new org.apache.rocketmq.common.protocol.body.Connection();
        o.setClientId(g.clientId());
        o.setClientAddr(g.clientAddr());
        o.setLanguage(byName(org.apache.rocketmq.remoting.protocol.LanguageCode.class, g.language()));
        o.setVersion(g.version());
        return o;
    }

    static ConsumerConnection fromOfficial(org.apache.rocketmq.common.protocol.body.ConsumerConnection o) {
        return new ConsumerConnection(mapSet(o.getConnectionSet(), OfficialBodies::fromOfficial),
                mapValues(o.getSubscriptionTable(), OfficialBodies::fromOfficial),
                byName(ConsumeType.class, o.getConsumeType()), byName(MessageModel.class, o.getMessageModel()),
                byName(ConsumeFromWhere.class, o.getConsumeFromWhere()));
    }

    static org.apache.rocketmq.common.protocol.body.ConsumerConnection toOfficial(ConsumerConnection g) {
        var o = new org.apache.rocketmq.common.protocol.body.ConsumerConnection();
        o.setConnectionSet(new HashSet<>(mapSet(g.connectionSet(), OfficialBodies::toOfficial)));
        o.setSubscriptionTable(new ConcurrentHashMap<>(mapValues(g.subscriptionTable(), OfficialBodies::toOfficial)));
        o.setConsumeType(byName(org.apache.rocketmq.common.protocol.heartbeat.ConsumeType.class, g.consumeType()));
        o.setMessageModel(byName(org.apache.rocketmq.common.protocol.heartbeat.MessageModel.class, g.messageModel()));
        o.setConsumeFromWhere(byName(org.apache.rocketmq.common.consumer.ConsumeFromWhere.class, g.consumeFromWhere()));
        return o;
    }

    static ProducerConnection fromOfficial(org.apache.rocketmq.common.protocol.body.ProducerConnection o) {
        return new ProducerConnection(mapSet(o.getConnectionSet(), OfficialBodies::fromOfficial));
    }

    static org.apache.rocketmq.common.protocol.body.ProducerConnection toOfficial(ProducerConnection g) {
        var o = new org.apache.rocketmq.common.protocol.body.ProducerConnection();
        o.setConnectionSet(new HashSet<>(mapSet(g.connectionSet(), OfficialBodies::toOfficial)));
        return o;
    }

    static CheckClientRequestBody fromOfficial(org.apache.rocketmq.common.protocol.body.CheckClientRequestBody o) {
        return new CheckClientRequestBody(o.getClientId(), o.getGroup(),
                o.getSubscriptionData() == null ? null : fromOfficial(o.getSubscriptionData()));
    }

    static org.apache.rocketmq.common.protocol.body.CheckClientRequestBody toOfficial(CheckClientRequestBody g) {
        var o = new org.apache.rocketmq.common.protocol.body.CheckClientRequestBody();
        o.setClientId(g.clientId());
        o.setGroup(g.group());
        o.setSubscriptionData(g.subscriptionData() == null ? null : toOfficial(g.subscriptionData()));
        return o;
    }

    // ---- helpers ----

    static <A, B> List<B> mapList(List<A> source, Function<A, B> f) {
        if (source == null) {
            return null;
        }
        List<B> out = new ArrayList<>();
        source.forEach(a -> out.add(f.apply(a)));
        return out;
    }

    static <A, B> Set<B> mapSet(Set<A> source, Function<A, B> f) {
        if (source == null) {
            return null;
        }
        Set<B> out = new LinkedHashSet<>();
        source.forEach(a -> out.add(f.apply(a)));
        return out;
    }

    static <K, A, B> Map<K, B> mapValues(Map<K, A> source, Function<A, B> f) {
        if (source == null) {
            return null;
        }
        Map<K, B> out = new LinkedHashMap<>();
        source.forEach((k, a) -> out.put(k, f.apply(a)));
        return out;
    }

    /** The constant of {@code type} with the same name as {@code value}; null for null. */
    static <E extends Enum<E>> E byName(Class<E> type, Enum<?> value) {
        return value == null ? null : Enum.valueOf(type, value.name());
    }
}
