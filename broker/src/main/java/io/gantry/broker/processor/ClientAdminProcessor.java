package io.gantry.broker.processor;

import io.gantry.broker.client.ClientChannel;
import io.gantry.broker.client.ClientManager;
import io.gantry.broker.client.ConsumerGroupInfo;
import io.gantry.broker.offset.ConsumerOffsetTable;
import io.gantry.broker.topic.TopicConfigTable;
import io.gantry.protocol.body.ClientConnection;
import io.gantry.protocol.body.GetConsumerStatusBody;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.ProducerConnection;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.ResetOffsetBody;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.header.GetConsumerStatusRequestHeader;
import io.gantry.protocol.header.GetProducerConnectionListRequestHeader;
import io.gantry.protocol.header.ResetOffsetRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.store.MessageStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin requests about connected clients. GET_PRODUCER_CONNECTION_LIST (204): the channels of a producer
 * group as heartbeats registered them (SYSTEM_ERROR when the group has none, as RocketMQ answers).
 * INVOKE_BROKER_TO_RESET_OFFSET (222, {@code mqadmin resetOffsetByTime}): moves a consumer group's offsets
 * on a topic to the first message stored at or after a time (-1: the end), only backwards unless
 * {@code isForce}; the new offsets are committed here and sent to every consumer of the group with
 * RESET_CONSUMER_CLIENT_OFFSET (220, oneway), which makes the clients drop what they hold and restart
 * there. With no consumer online it answers CONSUMER_NOT_ONLINE (206) and changes nothing: the admin
 * tool then falls back to UPDATE_CONSUMER_OFFSET, as it does against RocketMQ.
 * INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223, {@code mqadmin getConsumerStatus}): asks every consumer of
 * the group (or the one named) for its offsets with GET_CONSUMER_STATUS_FROM_CLIENT (221) and answers
 * them by clientId; a client that fails or times out ({@link #CLIENT_TIMEOUT_MS}) is left out.
 */
public final class ClientAdminProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAdminProcessor.class);
    /** How long one client may take to report its status. */
    public static final long CLIENT_TIMEOUT_MS = 5_000;

    private final String brokerName;
    private final ClientManager clients;
    private final TopicConfigTable topics;
    private final ConsumerOffsetTable offsets;
    private final MessageStore store;

    public ClientAdminProcessor(String brokerName, ClientManager clients, TopicConfigTable topics,
                                ConsumerOffsetTable offsets, MessageStore store) {
        this.brokerName = Objects.requireNonNull(brokerName, "brokerName");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.store = Objects.requireNonNull(store, "store");
    }

    public CompletableFuture<RemotingCommand> producerConnections(RemotingChannel channel, RemotingCommand request) {
        GetProducerConnectionListRequestHeader header = request.decodeHeader(GetProducerConnectionListRequestHeader.class);
        List<ClientChannel> members = clients.producerMembers(header.producerGroup());
        if (members.isEmpty()) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "the producer group[" + header.producerGroup()
                    + "] not exist");
        }
        Set<ClientConnection> connections = new LinkedHashSet<>();
        for (ClientChannel member : members) {
            connections.add(new ClientConnection(member.clientId(), member.channel().remoteAddress(), member.language(),
                    member.version()));
        }
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .body(RemotingJson.encode(new ProducerConnection(connections))).build());
    }

    public CompletableFuture<RemotingCommand> resetOffset(RemotingChannel channel, RemotingCommand request) {
        ResetOffsetRequestHeader header = request.decodeHeader(ResetOffsetRequestHeader.class);
        TopicConfig topic = topics.get(header.topic());
        if (topic == null) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "[reset-offset] reset offset failed, no topic in this broker. topic="
                    + header.topic());
        }
        ConsumerGroupInfo group = clients.consumerGroup(header.group());
        if (group == null || group.members().isEmpty()) {
            return Responses.error(ResponseCode.CONSUMER_NOT_ONLINE, "Consumer not online, so can not reset offset, Group: "
                    + header.group());
        }
        boolean oneQueue = header.queueId() != null && header.queueId() >= 0;
        if (oneQueue && header.queueId() >= topic.readQueueNums()) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "queueId[" + header.queueId() + "] is illegal, topic:["
                    + header.topic() + "] readQueueNums:[" + topic.readQueueNums() + "]");
        }
        Map<MessageQueue, Long> table = new LinkedHashMap<>();
        for (int q = 0; q < topic.readQueueNums(); q++) {
            if (oneQueue && q != header.queueId()) {
                continue;
            }
            long target = oneQueue && header.offset() != null ? header.offset() : offsetAt(header.topic(), q,
                    header.timestamp());
            target = Math.max(store.getMinOffsetInQueue(header.topic(), q),
                    Math.min(target, store.getMaxOffsetInQueue(header.topic(), q)));
            long committed = offsets.query(header.group(), header.topic(), q);
            // Without isForce a group only goes back, never skips messages it has not consumed.
            long chosen = committed < 0 || Boolean.TRUE.equals(header.isForce()) || target < committed ? target : committed;
            offsets.commit(header.group(), header.topic(), q, chosen);
            table.put(new MessageQueue(header.topic(), brokerName, q), chosen);
        }
        ResetOffsetBody body = new ResetOffsetBody(table);
        byte[] encoded = RemotingJson.encode(body);
        for (ClientChannel member : group.members()) {
            RemotingCommand reset = RemotingCommand.request(RequestCode.RESET_CONSUMER_CLIENT_OFFSET)
                    .header(new ResetOffsetRequestHeader(header.topic(), header.group(), header.timestamp(),
                            header.isForce(), null, null))
                    .body(encoded).oneway().build();
            member.channel().invokeOneway(reset).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.info("reset of group {} to {} not delivered: {}", header.group(), member.clientId(),
                            failure.toString());
                }
            });
        }
        LOG.info("reset offsets of group {} on topic {} to {} (timestamp {}, force {})", header.group(), header.topic(),
                table.values(), header.timestamp(), header.isForce());
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).body(encoded).build());
    }

    public CompletableFuture<RemotingCommand> consumerStatus(RemotingChannel channel, RemotingCommand request) {
        GetConsumerStatusRequestHeader header = request.decodeHeader(GetConsumerStatusRequestHeader.class);
        ConsumerGroupInfo group = clients.consumerGroup(header.group());
        if (group == null || group.members().isEmpty()) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "No Any Consumer online in the consumer group: ["
                    + header.group() + "]");
        }
        String onlyClient = header.clientAddr() == null || header.clientAddr().isEmpty() ? null : header.clientAddr();
        List<CompletableFuture<Map.Entry<String, Map<MessageQueue, Long>>>> answers = new ArrayList<>();
        for (ClientChannel member : group.members()) {
            if (onlyClient != null && !onlyClient.equals(member.clientId())) {
                continue;
            }
            RemotingCommand ask = RemotingCommand.request(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT)
                    .header(new GetConsumerStatusRequestHeader(header.topic(), header.group(), header.clientAddr()))
                    .build();
            answers.add(member.channel().invoke(ask, CLIENT_TIMEOUT_MS).handle((response, failure) -> {
                if (failure != null || response.code() != ResponseCode.SUCCESS || response.body() == null) {
                    LOG.info("consumer status of {} in group {} not received: {}", member.clientId(), header.group(),
                            failure != null ? failure.toString() : response.code() + " " + response.remark());
                    return null;
                }
                try {
                    GetConsumerStatusBody body = RemotingJson.decode(response.body(), GetConsumerStatusBody.class);
                    return Map.entry(member.clientId(), body.messageQueueTable());
                } catch (RuntimeException e) {
                    LOG.info("consumer status of {} does not decode: {}", member.clientId(), e.toString());
                    return null;
                }
            }));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<String, Map<MessageQueue, Long>> table = new TreeMap<>();
            for (CompletableFuture<Map.Entry<String, Map<MessageQueue, Long>>> answer : answers) {
                Map.Entry<String, Map<MessageQueue, Long>> entry = answer.join();
                if (entry != null) {
                    table.put(entry.getKey(), entry.getValue());
                }
            }
            return RemotingCommand.response(ResponseCode.SUCCESS)
                    .body(RemotingJson.encode(new GetConsumerStatusBody(Map.of(), table))).build();
        });
    }

    private long offsetAt(String topic, int queueId, long timestampMs) {
        if (timestampMs == -1) {
            return store.getMaxOffsetInQueue(topic, queueId);
        }
        return Math.max(0, store.getOffsetInQueueByTime(topic, queueId, timestampMs));
    }
}
