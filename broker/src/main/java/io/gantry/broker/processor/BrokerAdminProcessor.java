package io.gantry.broker.processor;

import io.gantry.broker.client.ClientChannel;
import io.gantry.broker.client.ClientManager;
import io.gantry.broker.client.ConsumerGroupInfo;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.group.SubscriptionGroupTable;
import io.gantry.broker.offset.ConsumerOffsetTable;
import io.gantry.broker.topic.TopicConfigTable;
import io.gantry.protocol.body.ClientConnection;
import io.gantry.protocol.body.ConsumeStats;
import io.gantry.protocol.body.ConsumerConnection;
import io.gantry.protocol.body.GroupList;
import io.gantry.protocol.body.KVTable;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.OffsetWrapper;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.SubscriptionGroupConfig;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicOffset;
import io.gantry.protocol.body.TopicStatsTable;
import io.gantry.protocol.header.GetConsumeStatsRequestHeader;
import io.gantry.protocol.header.GetConsumerConnectionListRequestHeader;
import io.gantry.protocol.header.GetTopicStatsInfoRequestHeader;
import io.gantry.protocol.header.QueryTopicConsumeByWhoRequestHeader;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.runtime.Clock;
import io.gantry.store.GetMessageResult;
import io.gantry.store.GetMessageStatus;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import io.gantry.store.StoreStats;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The broker requests behind common mqadmin commands: GET_TOPIC_STATS_INFO (202, topicStatus),
 * GET_CONSUME_STATS (208, consumerProgress), GET_CONSUMER_CONNECTION_LIST (203, consumerConnection;
 * 206 when no consumer is online), QUERY_TOPIC_CONSUME_BY_WHO (300), UPDATE_AND_CREATE_SUBSCRIPTIONGROUP
 * (200, updateSubGroup), GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201), GET_ALL_CONSUMER_OFFSET (43),
 * and GET_BROKER_RUNTIME_INFO (28, clusterList/brokerStatus; a
 * subset of the keys). Rates (TPS) are not measured yet and read 0.
 */
public final class BrokerAdminProcessor {

    private final BrokerConfig config;
    private final TopicConfigTable topics;
    private final SubscriptionGroupTable groups;
    private final ConsumerOffsetTable offsets;
    private final ClientManager clients;
    private final MessageStore store;
    private final Clock clock;

    public BrokerAdminProcessor(BrokerConfig config, TopicConfigTable topics, SubscriptionGroupTable groups,
                                ConsumerOffsetTable offsets, ClientManager clients, MessageStore store, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CompletableFuture<RemotingCommand> topicStats(RemotingChannel channel, RemotingCommand request) {
        GetTopicStatsInfoRequestHeader header = request.decodeHeader(GetTopicStatsInfoRequestHeader.class);
        TopicConfig topic = topics.get(header.topic());
        if (topic == null) {
            return Responses.error(ResponseCode.TOPIC_NOT_EXIST, "topic[" + header.topic() + "] not exist");
        }
        Map<MessageQueue, TopicOffset> table = new LinkedHashMap<>();
        for (int q = 0; q < topic.writeQueueNums(); q++) {
            long max = store.getMaxOffsetInQueue(header.topic(), q);
            long lastUpdate = max > 0 ? storeTimeAt(header.topic(), q, max - 1) : 0;
            table.put(new MessageQueue(header.topic(), config.brokerName(), q),
                    new TopicOffset(store.getMinOffsetInQueue(header.topic(), q), max, lastUpdate));
        }
        return body(RemotingJson.encode(new TopicStatsTable(table)));
    }

    public CompletableFuture<RemotingCommand> consumeStats(RemotingChannel channel, RemotingCommand request) {
        GetConsumeStatsRequestHeader header = request.decodeHeader(GetConsumeStatsRequestHeader.class);
        Set<String> topicNames = new TreeSet<>(offsets.topicsOf(header.consumerGroup()));
        ConsumerGroupInfo online = clients.consumerGroup(header.consumerGroup());
        if (online != null) {
            topicNames.addAll(online.subscriptions().keySet());
        }
        if (header.topic() != null && !header.topic().isEmpty()) {
            topicNames.retainAll(Set.of(header.topic()));
        }
        Map<MessageQueue, OffsetWrapper> table = new LinkedHashMap<>();
        for (String name : topicNames) {
            TopicConfig topic = topics.get(name);
            if (topic == null) {
                continue;
            }
            for (int q = 0; q < topic.readQueueNums(); q++) {
                long committed = Math.max(0, offsets.query(header.consumerGroup(), name, q));
                long lastTimestamp = committed > 0 ? storeTimeAt(name, q, committed - 1) : 0;
                table.put(new MessageQueue(name, config.brokerName(), q),
                        new OffsetWrapper(store.getMaxOffsetInQueue(name, q), committed, lastTimestamp));
            }
        }
        return body(RemotingJson.encode(new ConsumeStats(table, 0.0)));
    }

    public CompletableFuture<RemotingCommand> consumerConnections(RemotingChannel channel, RemotingCommand request) {
        GetConsumerConnectionListRequestHeader header = request.decodeHeader(GetConsumerConnectionListRequestHeader.class);
        ConsumerGroupInfo group = clients.consumerGroup(header.consumerGroup());
        if (group == null || group.members().isEmpty()) {
            return Responses.error(ResponseCode.CONSUMER_NOT_ONLINE, "the consumer group[" + header.consumerGroup()
                    + "] not online");
        }
        Set<ClientConnection> connections = new LinkedHashSet<>();
        for (ClientChannel member : group.members()) {
            connections.add(new ClientConnection(member.clientId(), member.channel().remoteAddress(), member.language(),
                    member.version()));
        }
        return body(RemotingJson.encode(new ConsumerConnection(connections, group.subscriptions(), group.consumeType(),
                group.messageModel(), group.consumeFromWhere())));
    }

    public CompletableFuture<RemotingCommand> consumedByWho(RemotingChannel channel, RemotingCommand request) {
        QueryTopicConsumeByWhoRequestHeader header = request.decodeHeader(QueryTopicConsumeByWhoRequestHeader.class);
        Set<String> names = new TreeSet<>(offsets.groupsOf(header.topic()));
        clients.consumerGroups().forEach((name, group) -> {
            if (group.subscription(header.topic()) != null) {
                names.add(name);
            }
        });
        return body(RemotingJson.encode(new GroupList(names)));
    }

    public CompletableFuture<RemotingCommand> createGroup(RemotingChannel channel, RemotingCommand request) {
        SubscriptionGroupConfig group = RemotingJson.decode(request.body(), SubscriptionGroupConfig.class);
        if (group.groupName() == null || group.groupName().isEmpty() || group.groupName().length() > 255) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "groupName must be 1-255 characters");
        }
        groups.put(group, clock.wallClockMs());
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }

    public CompletableFuture<RemotingCommand> allGroups(RemotingChannel channel, RemotingCommand request) {
        return body(RemotingJson.encode(groups.snapshot()));
    }

    public CompletableFuture<RemotingCommand> allConsumerOffsets(RemotingChannel channel, RemotingCommand request) {
        return body(RemotingJson.encode(offsets.snapshot()));
    }

    public CompletableFuture<RemotingCommand> runtimeInfo(RemotingChannel channel, RemotingCommand request) {
        StoreStats stats = store.stats();
        Map<String, String> table = new LinkedHashMap<>();
        table.put("brokerVersionDesc", "V4_9_7");
        table.put("brokerVersion", Integer.toString(RemotingCommand.DEFAULT_VERSION));
        table.put("msgPutTotalTodayNow", Long.toString(stats.putMessageCount()));
        table.put("msgGetTotalTodayNow", Long.toString(stats.getMessageFoundCount()));
        table.put("msgPutTotalTodayMorning", "0");
        table.put("msgGetTotalTodayMorning", "0");
        table.put("msgPutTotalYesterdayMorning", "0");
        table.put("msgGetTotalYesterdayMorning", "0");
        table.put("putTps", "0.0 0.0 0.0");
        table.put("getTransferedTps", "0.0 0.0 0.0");
        table.put("sendThreadPoolQueueSize", "0");
        table.put("pullThreadPoolQueueSize", "0");
        table.put("sendThreadPoolQueueHeadWaitTimeMills", "0");
        table.put("pullThreadPoolQueueHeadWaitTimeMills", "0");
        table.put("pageCacheLockTimeMills", "0");
        table.put("commitLogMinOffset", Long.toString(stats.commitLogMinOffset()));
        table.put("commitLogMaxOffset", Long.toString(stats.commitLogMaxOffset()));
        table.put("earliestMessageTimeStamp", "0");
        table.put("commitLogDiskRatio", "0.0");
        return body(RemotingJson.encode(new KVTable(table)));
    }

    private long storeTimeAt(String topic, int queueId, long offset) {
        GetMessageResult result = store.getMessage(topic, queueId, offset, 1, Integer.MAX_VALUE, MessageFilter.ALL);
        if (result.status() != GetMessageStatus.FOUND) {
            return 0;
        }
        return MessageRecordCodec.decode(result.messages().get(0).duplicate()).storeTimestamp();
    }

    private static CompletableFuture<RemotingCommand> body(byte[] bytes) {
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).body(bytes).build());
    }
}
