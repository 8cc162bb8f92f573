package io.gantry.broker.processor;

import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.group.SubscriptionGroupTable;
import io.gantry.broker.schedule.DelayLevels;
import io.gantry.broker.topic.TopicConfigTable;
import io.gantry.broker.topic.TopicNames;
import io.gantry.protocol.body.PermName;
import io.gantry.protocol.body.SubscriptionGroupConfig;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.header.SendMessageHeaders;
import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.message.BatchEntry;
import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageBatchCodec;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.message.MessageSysFlag;
import io.gantry.protocol.remoting.ProtocolException;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.protocol.rpc.RequestProcessor;
import io.gantry.runtime.NodeContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320): checks permission, topic
 * name and size, finds or auto-creates the topic, picks a queue when the client left it to the broker,
 * routes a %RETRY% message past its group's max reconsume times to %DLQ%, builds the stored records
 * (properties plus CLUSTER, minus WAIT; bornHost from the connection, storeHost the broker's) and hands
 * them to the {@link StoreWriter}. A message with {@code DELAY=n} is parked in SCHEDULE_TOPIC_XXXX
 * queue n-1 for the schedule service; a transactional half message goes to RMQ_SYS_TRANS_HALF_TOPIC
 * until END_TRANSACTION. A refused send stores nothing.
 */
public final class SendMessageProcessor implements RequestProcessor {

    private static final HostAddress UNKNOWN_HOST = HostAddress.of(new byte[4], 0);

    private final NodeContext context;
    private final BrokerConfig config;
    private final TopicConfigTable topics;
    private final SubscriptionGroupTable groups;
    private final StoreWriter writer;
    private final Supplier<HostAddress> storeHost;
    private final DelayLevels delayLevels;

    public SendMessageProcessor(NodeContext context, BrokerConfig config, TopicConfigTable topics,
                                SubscriptionGroupTable groups, StoreWriter writer, Supplier<HostAddress> storeHost,
                                DelayLevels delayLevels) {
        this.context = Objects.requireNonNull(context, "context");
        this.config = Objects.requireNonNull(config, "config");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.storeHost = Objects.requireNonNull(storeHost, "storeHost");
        this.delayLevels = Objects.requireNonNull(delayLevels, "delayLevels");
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RemotingChannel channel, RemotingCommand request) {
        if (writer.isSlave()) {
            return Responses.done(StoreWriter.slaveRefusal());
        }
        SendMessageRequestHeader header = SendMessageHeaders.decode(request);
        boolean batch = request.code() == RequestCode.SEND_BATCH_MESSAGE;
        long nowMs = context.clock().wallClockMs();
        if (!PermName.isWriteable(config.brokerPermission())) {
            return Responses.error(ResponseCode.NO_PERMISSION, "the broker[" + config.brokerIP1()
                    + "] sending message is forbidden");
        }
        String illegal = TopicNames.whyIllegal(header.topic());
        if (illegal != null) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, illegal);
        }
        if (TopicNames.isNotSendable(header.topic())) {
            return Responses.error(ResponseCode.NO_PERMISSION, "sending message to topic[" + header.topic()
                    + "] is forbidden");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > config.maxMessageSize()) {
            return Responses.error(ResponseCode.MESSAGE_ILLEGAL, "the message body size " + body.length
                    + " exceeds the limit " + config.maxMessageSize());
        }
        TopicConfig topic = topics.getOrCreateForSend(header.topic(), header.defaultTopic(),
                header.defaultTopicQueueNums() == null ? 4 : header.defaultTopicQueueNums(), nowMs);
        if (topic == null) {
            return Responses.error(ResponseCode.TOPIC_NOT_EXIST, "topic[" + header.topic()
                    + "] not exist, apply first please!");
        }
        if (!PermName.isWriteable(topic.perm())) {
            return Responses.error(ResponseCode.NO_PERMISSION, "the topic[" + header.topic() + "] sending is forbidden");
        }
        int queueId = header.queueId();
        int maxQueues = Math.max(topic.readQueueNums(), topic.writeQueueNums());
        if (queueId >= maxQueues) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "request queueId[" + queueId + "] is illegal, topic "
                    + header.topic() + " has " + maxQueues + " queues");
        }
        if (queueId < 0) {
            queueId = context.random().nextInt(Math.max(1, topic.writeQueueNums()));
        }
        String targetTopic = header.topic();
        int reconsumeTimes = header.reconsumeTimes() == null ? 0 : header.reconsumeTimes();
        if (TopicNames.isRetry(targetTopic)) {
            String group = targetTopic.substring(TopicNames.RETRY_PREFIX.length());
            SubscriptionGroupConfig groupConfig = groups.findOrCreate(group, nowMs);
            if (groupConfig == null) {
                return Responses.error(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "subscription group not exist, "
                        + group);
            }
            int maxReconsume = header.maxReconsumeTimes() != null ? header.maxReconsumeTimes() : groupConfig.retryMaxTimes();
            if (reconsumeTimes >= maxReconsume) {
                targetTopic = TopicNames.dlqTopic(group);
                topics.createSystemTopic(targetTopic, 1, nowMs);
                queueId = 0;
            }
        }
        if (batch && targetTopic.length() > MessageRecordCodec.MAX_V1_TOPIC_BYTES) {
            return Responses.error(ResponseCode.MESSAGE_ILLEGAL, "batch topic longer than "
                    + MessageRecordCodec.MAX_V1_TOPIC_BYTES);
        }
        Map<String, String> batchProperties = MessageProperties.decode(header.properties());
        boolean waitStoreOk = !"false".equals(batchProperties.get(MessageConst.PROPERTY_WAIT_STORE_MSG_OK));
        List<MessageRecord> records = new ArrayList<>();
        HostAddress bornHost = parseOr(channel.remoteAddress());
        if (batch) {
            List<BatchEntry> entries;
            try {
                entries = MessageBatchCodec.decode(body);
            } catch (ProtocolException e) {
                return Responses.error(ResponseCode.MESSAGE_ILLEGAL, "batch body does not decode: " + e.getMessage());
            }
            if (entries.isEmpty()) {
                return Responses.error(ResponseCode.MESSAGE_ILLEGAL, "empty batch");
            }
            for (BatchEntry entry : entries) {
                records.add(record(header, targetTopic, queueId, reconsumeTimes, bornHost, entry.flag(), entry.body(),
                        entry.properties()));
            }
        } else {
            records.add(record(header, targetTopic, queueId, reconsumeTimes, bornHost, header.flag(), body,
                    batchProperties));
        }
        return writer.put(records, waitStoreOk, queueId);
    }

    private MessageRecord record(SendMessageRequestHeader header, String topic, int queueId, int reconsumeTimes,
                                 HostAddress bornHost, int flag, byte[] body, Map<String, String> properties) {
        Map<String, String> stored = new LinkedHashMap<>(properties);
        stored.remove(MessageConst.PROPERTY_WAIT_STORE_MSG_OK);
        stored.put(MessageConst.PROPERTY_CLUSTER, config.brokerClusterName());
        boolean toDlq = !topic.equals(header.topic());
        if (toDlq && !stored.containsKey(MessageConst.PROPERTY_RETRY_TOPIC)) {
            stored.put(MessageConst.PROPERTY_RETRY_TOPIC, header.topic());
        }
        int sysFlag = header.sysFlag() & ~(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
        int transactionType = MessageSysFlag.transactionType(sysFlag);
        if ("true".equals(stored.get(MessageConst.PROPERTY_TRANSACTION_PREPARED))
                && transactionType == MessageSysFlag.TRANSACTION_PREPARED_TYPE) {
            // A half message: kept out of its topic until END_TRANSACTION commits it. Stored as a plain
            // message of the half topic so that topic's queue indexes it.
            topics.createSystemTopic(TopicNames.TRANS_HALF_TOPIC, 1, context.clock().wallClockMs());
            stored.put(MessageConst.PROPERTY_REAL_TOPIC, topic);
            stored.put(MessageConst.PROPERTY_REAL_QUEUE_ID, Integer.toString(queueId));
            return base(header, TopicNames.TRANS_HALF_TOPIC, 0, reconsumeTimes, bornHost, flag, body, stored,
                    MessageSysFlag.withTransactionType(sysFlag, MessageSysFlag.TRANSACTION_NOT_TYPE));
        }
        int delayLevel = toDlq ? 0 : delayLevelOf(stored.get(MessageConst.PROPERTY_DELAY_TIME_LEVEL));
        if (delayLevel > 0 && (transactionType == MessageSysFlag.TRANSACTION_NOT_TYPE
                || transactionType == MessageSysFlag.TRANSACTION_COMMIT_TYPE)) {
            // Parked in the schedule topic until due; the schedule service restores topic and queue.
            stored.put(MessageConst.PROPERTY_DELAY_TIME_LEVEL, Integer.toString(delayLevel));
            stored.put(MessageConst.PROPERTY_REAL_TOPIC, topic);
            stored.put(MessageConst.PROPERTY_REAL_QUEUE_ID, Integer.toString(queueId));
            topic = TopicNames.SCHEDULE_TOPIC;
            queueId = delayLevel - 1;
        }
        return base(header, topic, queueId, reconsumeTimes, bornHost, flag, body, stored, sysFlag);
    }

    private MessageRecord base(SendMessageRequestHeader header, String topic, int queueId, int reconsumeTimes,
                               HostAddress bornHost, int flag, byte[] body, Map<String, String> stored, int sysFlag) {
        return MessageRecord.builder()
                .topic(topic)
                .queueId(queueId)
                .sysFlag(sysFlag)
                .bornTimestamp(header.bornTimestamp())
                .bornHost(bornHost)
                .storeHost(storeHost.get())
                .reconsumeTimes(reconsumeTimes)
                .flag(flag)
                .body(body)
                .properties(stored)
                .build();
    }

    private int delayLevelOf(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return delayLevels.clamp(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static HostAddress parseOr(String address) {
        try {
            return HostAddress.parse(address);
        } catch (RuntimeException e) {
            return UNKNOWN_HOST;
        }
    }
}
