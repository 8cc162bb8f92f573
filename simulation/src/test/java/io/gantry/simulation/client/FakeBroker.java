package io.gantry.simulation.client;

import io.gantry.protocol.body.GetConsumerListByGroupResponseBody;
import io.gantry.protocol.body.HeartbeatData;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.LockBatchRequestBody;
import io.gantry.protocol.body.LockBatchResponseBody;
import io.gantry.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.gantry.protocol.header.GetConsumerListByGroupRequestHeader;
import io.gantry.protocol.header.GetMaxOffsetRequestHeader;
import io.gantry.protocol.header.PullMessageRequestHeader;
import io.gantry.protocol.header.PullMessageResponseHeader;
import io.gantry.protocol.header.PullSysFlag;
import io.gantry.protocol.header.QueryConsumerOffsetRequestHeader;
import io.gantry.protocol.header.QueryConsumerOffsetResponseHeader;
import io.gantry.protocol.header.SearchOffsetRequestHeader;
import io.gantry.protocol.header.SendMessageHeaders;
import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.header.SendMessageResponseHeader;
import io.gantry.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.gantry.protocol.message.BatchEntry;
import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageBatchCodec;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageIds;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.protocol.rpc.RpcServer;
import io.gantry.runtime.NodeContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A small in-memory broker for client tests: stores sends per queue, serves pulls (holding
 * caught-up pulls up to a second of virtual time), keeps consumer offsets and the group members
 * seen in heartbeats. {@link #sendBehaviour} makes it answer sends with an error, never answer,
 * or drop the connection.
 */
final class FakeBroker {

    enum SendBehaviour { STORE, ERROR, SILENT, CLOSE }

    static final int PORT = 10911;

    final String name;
    final HostAddress storeHost;
    SendBehaviour sendBehaviour = SendBehaviour.STORE;
    int errorCode = ResponseCode.SYSTEM_ERROR;
    int sendsReceived;
    final List<SendMessageRequestHeader> sendHeaders = new ArrayList<>();
    final Map<String, List<MessageRecord>> queues = new HashMap<>();
    final Map<String, Long> offsets = new TreeMap<>();
    final Map<String, TreeSet<String>> members = new HashMap<>();
    final List<ConsumerSendMsgBackRequestHeader> sentBack = new ArrayList<>();
    private final Map<Long, MessageRecord> byCommitLogOffset = new HashMap<>();
    private final NodeContext context;
    private long commitLogOffset;

    FakeBroker(NodeContext context, String name, int storeIpLastOctet) {
        this.context = context;
        this.name = name;
        this.storeHost = HostAddress.parse("10.0.0." + storeIpLastOctet + ":" + PORT);
        context.scheduler().execute(this::start);
    }

    static String address(String brokerName) {
        return brokerName + ":" + PORT;
    }

    static String key(String topic, int queueId) {
        return topic + "/" + queueId;
    }

    List<MessageRecord> queue(String topic, int queueId) {
        return queues.computeIfAbsent(key(topic, queueId), k -> new ArrayList<>());
    }

    /** Stores a message directly, as if a producer had sent it. */
    MessageRecord store(String topic, int queueId, byte[] body, String properties) {
        return store(topic, queueId, body, properties, 0);
    }

    MessageRecord store(String topic, int queueId, byte[] body, String properties, int reconsumeTimes) {
        List<MessageRecord> queue = queue(topic, queueId);
        MessageRecord record = MessageRecord.builder().topic(topic).queueId(queueId).queueOffset(queue.size())
                .commitLogOffset(commitLogOffset).bornTimestamp(context.clock().wallClockMs())
                .bornHost(HostAddress.parse("10.9.9.9:5555")).storeTimestamp(context.clock().wallClockMs())
                .storeHost(storeHost).body(body).propertiesString(properties).reconsumeTimes(reconsumeTimes).build();
        byCommitLogOffset.put(record.commitLogOffset(), record);
        commitLogOffset += record.storeSize();
        queue.add(record);
        return record;
    }

    private void start() {
        RpcServer server = new RpcServer(context, RpcConfig.defaults());
        server.processors().register(RequestCode.SEND_MESSAGE_V2, (channel, request) -> send(channel, request));
        server.processors().register(RequestCode.SEND_BATCH_MESSAGE, (channel, request) -> send(channel, request));
        server.processors().register(RequestCode.HEART_BEAT, (channel, request) -> {
            HeartbeatData heartbeat = RemotingJson.decode(request.body(), HeartbeatData.class);
            heartbeat.consumerDataSet().forEach(consumer ->
                    members.computeIfAbsent(consumer.groupName(), g -> new TreeSet<>()).add(heartbeat.clientID()));
            return ok();
        });
        server.processors().register(RequestCode.UNREGISTER_CLIENT, (channel, request) -> ok());
        server.processors().register(RequestCode.GET_CONSUMER_LIST_BY_GROUP, (channel, request) -> {
            String group = request.decodeHeader(GetConsumerListByGroupRequestHeader.class).consumerGroup();
            List<String> ids = new ArrayList<>(members.getOrDefault(group, new TreeSet<>()));
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS)
                    .body(RemotingJson.encode(new GetConsumerListByGroupResponseBody(ids))).build());
        });
        server.processors().register(RequestCode.QUERY_CONSUMER_OFFSET, (channel, request) -> {
            QueryConsumerOffsetRequestHeader header = request.decodeHeader(QueryConsumerOffsetRequestHeader.class);
            Long offset = offsets.get(header.consumerGroup() + "@" + key(header.topic(), header.queueId()));
            if (offset == null) {
                return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND).build());
            }
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS)
                    .header(new QueryConsumerOffsetResponseHeader(offset)).build());
        });
        server.processors().register(RequestCode.UPDATE_CONSUMER_OFFSET, (channel, request) -> {
            UpdateConsumerOffsetRequestHeader header = request.decodeHeader(UpdateConsumerOffsetRequestHeader.class);
            offsets.put(header.consumerGroup() + "@" + key(header.topic(), header.queueId()), header.commitOffset());
            return ok();
        });
        server.processors().register(RequestCode.GET_MAX_OFFSET, (channel, request) -> {
            GetMaxOffsetRequestHeader header = request.decodeHeader(GetMaxOffsetRequestHeader.class);
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS)
                    .extField("offset", Long.toString(queue(header.topic(), header.queueId()).size())).build());
        });
        server.processors().register(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, (channel, request) -> {
            SearchOffsetRequestHeader header = request.decodeHeader(SearchOffsetRequestHeader.class);
            List<MessageRecord> queue = queue(header.topic(), header.queueId());
            long offset = queue.size();
            for (MessageRecord record : queue) {
                if (record.storeTimestamp() >= header.timestamp()) {
                    offset = record.queueOffset();
                    break;
                }
            }
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS)
                    .extField("offset", Long.toString(offset)).build());
        });
        server.processors().register(RequestCode.GET_MIN_OFFSET, (channel, request) -> CompletableFuture.completedFuture(
                RemotingCommand.response(ResponseCode.SUCCESS).extField("offset", "0").build()));
        server.processors().register(RequestCode.CONSUMER_SEND_MSG_BACK, (channel, request) -> {
            ConsumerSendMsgBackRequestHeader header = request.decodeHeader(ConsumerSendMsgBackRequestHeader.class);
            sentBack.add(header);
            MessageRecord original = byCommitLogOffset.get(header.offset());
            if (original == null) {
                return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SYSTEM_ERROR).build());
            }
            String properties = MessageProperties.with(original.propertiesString(), MessageConst.PROPERTY_RETRY_TOPIC,
                    original.topic());
            MessageRecord retry = store("%RETRY%" + header.group(), 0, original.body(), properties,
                    original.reconsumeTimes() + 1);
            byCommitLogOffset.put(retry.commitLogOffset(), retry);
            return ok();
        });
        server.processors().register(RequestCode.LOCK_BATCH_MQ, (channel, request) -> {
            LockBatchRequestBody body = RemotingJson.decode(request.body(), LockBatchRequestBody.class);
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS)
                    .body(RemotingJson.encode(new LockBatchResponseBody(body.mqSet()))).build());
        });
        server.processors().register(RequestCode.UNLOCK_BATCH_MQ, (channel, request) -> ok());
        server.processors().register(RequestCode.PULL_MESSAGE, (channel, request) -> {
            CompletableFuture<RemotingCommand> response = new CompletableFuture<>();
            pull(request.decodeHeader(PullMessageRequestHeader.class), response, 0);
            return response;
        });
        try {
            server.start(address(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CompletableFuture<RemotingCommand> send(io.gantry.protocol.rpc.RemotingChannel channel, RemotingCommand request) {
        sendsReceived++;
        SendMessageRequestHeader header = SendMessageHeaders.decode(request);
        sendHeaders.add(header);
        switch (sendBehaviour) {
            case ERROR -> {
                return CompletableFuture.completedFuture(RemotingCommand.response(errorCode).remark("fake error").build());
            }
            case SILENT -> {
                return new CompletableFuture<>();
            }
            case CLOSE -> {
                channel.close();
                return new CompletableFuture<>();
            }
            default -> {
            }
        }
        List<String> ids = new ArrayList<>();
        long firstOffset = -1;
        if (header.batch()) {
            for (BatchEntry entry : MessageBatchCodec.decode(request.body())) {
                MessageRecord record = store(header.topic(), header.queueId(), entry.body(), entry.propertiesString());
                ids.add(MessageIds.offsetMsgId(storeHost, record.commitLogOffset()));
                firstOffset = firstOffset < 0 ? record.queueOffset() : firstOffset;
            }
        } else {
            MessageRecord record = store(header.topic(), header.queueId(), request.body(), header.properties());
            ids.add(MessageIds.offsetMsgId(storeHost, record.commitLogOffset()));
            firstOffset = record.queueOffset();
        }
        return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS)
                .header(new SendMessageResponseHeader(String.join(",", ids), header.queueId(), firstOffset, null, null))
                .build());
    }

    private void pull(PullMessageRequestHeader header, CompletableFuture<RemotingCommand> response, long heldMs) {
        List<MessageRecord> queue = queue(header.topic(), header.queueId());
        long offset = header.queueOffset();
        long max = queue.size();
        if (offset > max) {
            response.complete(pullResponse(ResponseCode.PULL_OFFSET_MOVED, max, max, null));
            return;
        }
        if (offset == max) {
            if (PullSysFlag.hasSuspend(header.sysFlag()) && heldMs < Math.min(1_000, header.suspendTimeoutMillis())) {
                context.scheduler().schedule(100, () -> pull(header, response, heldMs + 100));
                return;
            }
            response.complete(pullResponse(ResponseCode.PULL_NOT_FOUND, offset, max, null));
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long end = Math.min(max, offset + header.maxMsgNums());
        for (long i = offset; i < end; i++) {
            body.writeBytes(MessageRecordCodec.encode(queue.get((int) i)));
        }
        response.complete(pullResponse(ResponseCode.SUCCESS, end, max, body.toByteArray()));
    }

    private static RemotingCommand pullResponse(int code, long next, long max, byte[] body) {
        return RemotingCommand.response(code).header(new PullMessageResponseHeader(0L, next, 0L, max, null, null, null, null))
                .body(body).build();
    }

    private static CompletableFuture<RemotingCommand> ok() {
        return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }
}
