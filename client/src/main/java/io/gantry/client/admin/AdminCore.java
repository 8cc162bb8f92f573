package io.gantry.client.admin;

import io.gantry.client.ClientInstance;
import io.gantry.client.Names;
import io.gantry.client.RequestFailedException;
import io.gantry.client.consumer.OffsetApi;
import io.gantry.client.consumer.PullApi;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.ClusterInfo;
import io.gantry.protocol.body.ConsumeStats;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.PermName;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicFilterType;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.protocol.header.CreateTopicRequestHeader;
import io.gantry.protocol.header.DeleteTopicFromNamesrvRequestHeader;
import io.gantry.protocol.header.DeleteTopicRequestHeader;
import io.gantry.protocol.header.GetConsumeStatsRequestHeader;
import io.gantry.protocol.header.QueryMessageRequestHeader;
import io.gantry.protocol.header.ViewMessageRequestHeader;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageIds;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Admin operations on the loop: topics (create, delete, route), the cluster list, consumer
 * progress, message lookup by id and by key, and resetting a group's offsets by time.
 */
public final class AdminCore {

    /** Limit on messages one key query returns. */
    public static final int MAX_QUERY_RESULTS = 64;

    private final ClientInstance client;
    private final OffsetApi offsets;
    private final long timeoutMs;

    public AdminCore(ClientInstance client) {
        this.client = client;
        this.timeoutMs = client.config().rpcTimeoutMs();
        this.offsets = new OffsetApi(client.rpc(), timeoutMs);
    }

    /** The brokers and clusters the nameserver knows (GET_BROKER_CLUSTER_INFO). */
    public CompletableFuture<ClusterInfo> clusterInfo() {
        String nameServer = client.config().nameServers().get(0);
        return call(nameServer, RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO).build())
                .thenApply(response -> RemotingJson.decode(response.body(), ClusterInfo.class));
    }

    /** The route of {@code topic}, fresh from the nameserver. */
    public CompletableFuture<TopicRouteData> topicRoute(String topic) {
        return client.routes().refresh(topic);
    }

    /** Creates (or updates) {@code topic} with {@code queueNums} read and write queues on every master of {@code cluster}. */
    public CompletableFuture<Void> createTopic(String cluster, String topic, int queueNums) {
        Names.checkTopic(topic);
        if (queueNums < 1 || queueNums > 1_024) {
            throw new IllegalArgumentException("queueNums out of [1, 1024]: " + queueNums);
        }
        CreateTopicRequestHeader header = new CreateTopicRequestHeader(topic, Names.AUTO_CREATE_TOPIC_KEY, queueNums,
                queueNums, PermName.READ | PermName.WRITE, TopicFilterType.SINGLE_TAG.name(), 0, false, null, null);
        return onMasters(cluster, address -> call(address,
                RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC).header(header).build()));
    }

    /** Deletes {@code topic} from every master of {@code cluster}, then from the nameservers. */
    public CompletableFuture<Void> deleteTopic(String cluster, String topic) {
        Names.checkTopic(topic);
        return onMasters(cluster, address -> call(address, RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER)
                .header(new DeleteTopicRequestHeader(topic)).build())).thenCompose(ignored -> {
                    List<CompletableFuture<?>> all = new ArrayList<>();
                    for (String nameServer : client.config().nameServers()) {
                        all.add(call(nameServer, RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV)
                                .header(new DeleteTopicFromNamesrvRequestHeader(topic, cluster)).build()));
                    }
                    client.routes().forget(topic);
                    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
                });
    }

    /** Per-queue progress of {@code group} on {@code topic} (GET_CONSUME_STATS on each broker of the topic). */
    public CompletableFuture<List<QueueProgress>> consumerProgress(String group, String topic) {
        Names.checkGroup(group);
        return client.routes().refresh(topic).thenCompose(route -> {
            List<CompletableFuture<ConsumeStats>> stats = new ArrayList<>();
            for (BrokerData broker : route.brokerDatas()) {
                if (broker.masterAddr() != null) {
                    stats.add(call(broker.masterAddr(), RemotingCommand.request(RequestCode.GET_CONSUME_STATS)
                            .header(new GetConsumeStatsRequestHeader(group, topic)).build())
                            .thenApply(response -> RemotingJson.decode(response.body(), ConsumeStats.class)));
                }
            }
            return CompletableFuture.allOf(stats.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                Map<MessageQueue, QueueProgress> progress = new TreeMap<>();
                for (CompletableFuture<ConsumeStats> one : stats) {
                    one.join().offsetTable().forEach((queue, offsets) -> progress.put(queue, new QueueProgress(queue,
                            offsets.brokerOffset(), offsets.consumerOffset(),
                            Math.max(0, offsets.brokerOffset() - offsets.consumerOffset()), offsets.lastTimestamp())));
                }
                return List.copyOf(progress.values());
            });
        });
    }

    /** The message with broker id {@code offsetMsgId} (VIEW_MESSAGE_BY_ID to the store host inside the id). */
    public CompletableFuture<ReceivedMessage> viewMessage(String offsetMsgId) {
        MessageIds.OffsetMsgId id = MessageIds.decodeOffsetMsgId(offsetMsgId);
        String address = id.storeHost().toString();
        return call(address, RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID)
                .header(new ViewMessageRequestHeader(id.commitLogOffset(), null)).build()).thenApply(response -> {
                    MessageRecord record = MessageRecordCodec.decode(ByteBuffer.wrap(response.body()), false);
                    return toMessage(record, null);
                });
    }

    /** Messages of {@code topic} whose UNIQ_KEY (client msgId) is {@code msgId}. */
    public CompletableFuture<List<ReceivedMessage>> queryByUniqueKey(String topic, String msgId) {
        return query(topic, msgId, true, 0, Long.MAX_VALUE);
    }

    /** Messages of {@code topic} stored between the two times whose KEYS contain {@code key}. */
    public CompletableFuture<List<ReceivedMessage>> queryByKey(String topic, String key, long beginMs, long endMs) {
        return query(topic, key, false, beginMs, endMs);
    }

    /**
     * Moves {@code group}'s stored offset on every queue of {@code topic} to the first message
     * stored at or after {@code timestampMs}. Stop the group's consumers first: a running consumer
     * overwrites it with its own position.
     */
    public CompletableFuture<Map<MessageQueue, Long>> resetOffsetByTime(String group, String topic, long timestampMs) {
        Names.checkGroup(group);
        return client.routes().refresh(topic).thenCompose(route -> {
            List<MessageQueue> queues = client.routes().readQueues(topic);
            Map<MessageQueue, Long> result = new TreeMap<>();
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (MessageQueue queue : queues) {
                String address = client.routes().masterAddress(queue.brokerName());
                all.add(offsets.searchOffset(address, queue, timestampMs)
                        .thenCompose(offset -> offsets.updateConsumerOffset(address, group, queue, offset)
                                .thenRun(() -> result.put(queue, offset))));
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> result);
        });
    }

    private CompletableFuture<List<ReceivedMessage>> query(String topic, String key, boolean uniqueKey, long beginMs,
            long endMs) {
        Names.checkTopic(topic);
        return client.routes().refresh(topic).thenCompose(route -> {
            List<CompletableFuture<List<MessageRecord>>> answers = new ArrayList<>();
            for (BrokerData broker : route.brokerDatas()) {
                if (broker.masterAddr() == null) {
                    continue;
                }
                RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_MESSAGE)
                        .header(new QueryMessageRequestHeader(topic, key, MAX_QUERY_RESULTS, beginMs, endMs))
                        .extField(QueryMessageRequestHeader.UNIQUE_KEY_QUERY, Boolean.toString(uniqueKey)).build();
                answers.add(client.rpc().invoke(broker.masterAddr(), request, timeoutMs).thenApply(response -> {
                    if (response.code() == ResponseCode.QUERY_NOT_FOUND || response.body() == null) {
                        return List.<MessageRecord>of();
                    }
                    check(response);
                    return MessageRecordCodec.decodeAll(ByteBuffer.wrap(response.body()));
                }));
            }
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                List<ReceivedMessage> found = new ArrayList<>();
                Set<String> seen = new TreeSet<>();
                for (CompletableFuture<List<MessageRecord>> answer : answers) {
                    for (MessageRecord record : answer.join()) {
                        // The index is a hash: re-check topic and key, as collisions are possible.
                        boolean matches = record.topic().equals(topic) && (uniqueKey
                                ? key.equals(record.property(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX))
                                : hasKey(record, key));
                        if (matches && seen.add(record.offsetMsgId())) {
                            found.add(toMessage(record, null));
                        }
                    }
                }
                return found;
            });
        });
    }

    private static boolean hasKey(MessageRecord record, String key) {
        String keys = record.property(MessageConst.PROPERTY_KEYS);
        return keys != null && Arrays.asList(keys.split(" ")).contains(key);
    }

    private static ReceivedMessage toMessage(MessageRecord record, String brokerName) {
        MessageQueue queue = new MessageQueue(record.topic(), brokerName == null ? "" : brokerName, record.queueId());
        // Queried records come as stored: a large body is still compressed.
        return new ReceivedMessage(record, PullApi.bodyOf(record), queue);
    }

    private CompletableFuture<Void> onMasters(String cluster,
            java.util.function.Function<String, CompletableFuture<RemotingCommand>> action) {
        return clusterInfo().thenCompose(info -> {
            Set<String> brokerNames = info.clusterAddrTable().get(cluster);
            if (brokerNames == null || brokerNames.isEmpty()) {
                throw RequestFailedException.local("no broker in cluster " + cluster, null);
            }
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (String name : brokerNames) {
                BrokerData broker = info.brokerAddrTable().get(name);
                if (broker != null && broker.masterAddr() != null) {
                    all.add(action.apply(broker.masterAddr()));
                }
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        });
    }

    private CompletableFuture<RemotingCommand> call(String address, RemotingCommand request) {
        return client.rpc().invoke(address, request, timeoutMs).thenApply(response -> {
            check(response);
            return response;
        });
    }

    private static void check(RemotingCommand response) {
        if (response.code() != ResponseCode.SUCCESS) {
            throw new RequestFailedException(response.code(), response.remark(), null);
        }
    }
}
