package io.gantry.broker.processor;

import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.group.SubscriptionGroupTable;
import io.gantry.broker.schedule.DelayLevels;
import io.gantry.broker.topic.TopicConfigTable;
import io.gantry.broker.topic.TopicNames;
import io.gantry.protocol.body.PermName;
import io.gantry.protocol.body.SubscriptionGroupConfig;
import io.gantry.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.protocol.rpc.RequestProcessor;
import io.gantry.runtime.NodeContext;
import io.gantry.store.MessageStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * CONSUMER_SEND_MSG_BACK (36): a consumer gives a message back for a later retry. The original is
 * read by its commit-log offset and written anew to {@code %RETRY%<group>} with reconsumeTimes + 1,
 * delayed by the request's level (or {@code 3 + reconsumeTimes} when 0) through the schedule topic;
 * at {@code maxReconsumeTimes} (the request's, else the group's, 16) or with a negative level it goes
 * to {@code %DLQ%<group>} queue 0 instead, undelayed.
 */
public final class SendBackProcessor implements RequestProcessor {

    private final NodeContext context;
    private final BrokerConfig config;
    private final TopicConfigTable topics;
    private final SubscriptionGroupTable groups;
    private final MessageStore store;
    private final StoreWriter writer;
    private final DelayLevels delayLevels;
    private final Supplier<HostAddress> storeHost;

    public SendBackProcessor(NodeContext context, BrokerConfig config, TopicConfigTable topics,
                             SubscriptionGroupTable groups, MessageStore store, StoreWriter writer,
                             DelayLevels delayLevels, Supplier<HostAddress> storeHost) {
        this.context = Objects.requireNonNull(context, "context");
        this.config = Objects.requireNonNull(config, "config");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.store = Objects.requireNonNull(store, "store");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.delayLevels = Objects.requireNonNull(delayLevels, "delayLevels");
        this.storeHost = Objects.requireNonNull(storeHost, "storeHost");
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RemotingChannel channel, RemotingCommand request) {
        ConsumerSendMsgBackRequestHeader header = request.decodeHeader(ConsumerSendMsgBackRequestHeader.class);
        long nowMs = context.clock().wallClockMs();
        SubscriptionGroupConfig group = groups.findOrCreate(header.group(), nowMs);
        if (group == null) {
            return Responses.error(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "subscription group not exist, "
                    + header.group());
        }
        if (!PermName.isWriteable(config.brokerPermission())) {
            return Responses.error(ResponseCode.NO_PERMISSION, "the broker[" + config.brokerIP1() + "] sending message is forbidden");
        }
        if (group.retryQueueNums() <= 0) {
            return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
        }
        MessageRecord original = store.getMessageByOffset(header.offset());
        if (original == null) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "look message by offset failed, " + header.offset());
        }
        Map<String, String> properties = new LinkedHashMap<>(original.properties());
        properties.putIfAbsent(MessageConst.PROPERTY_RETRY_TOPIC, original.topic());
        properties.put(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "false");
        String originId = header.originMsgId() != null && !header.originMsgId().isEmpty()
                ? header.originMsgId() : original.offsetMsgId();
        properties.putIfAbsent(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID, originId);
        int maxReconsume = header.maxReconsumeTimes() != null ? header.maxReconsumeTimes() : group.retryMaxTimes();
        int delayLevel = header.delayLevel();
        String topic;
        int queueId;
        if (original.reconsumeTimes() >= maxReconsume || delayLevel < 0) {
            topic = TopicNames.dlqTopic(header.group());
            queueId = 0;
            topics.createSystemTopic(topic, 1, nowMs);
            properties.remove(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
        } else {
            String retryTopic = TopicNames.retryTopic(header.group());
            topics.createSystemTopic(retryTopic, group.retryQueueNums(), nowMs);
            int level = delayLevels.clamp(delayLevel == 0 ? 3 + original.reconsumeTimes() : delayLevel);
            properties.put(MessageConst.PROPERTY_DELAY_TIME_LEVEL, Integer.toString(level));
            properties.put(MessageConst.PROPERTY_REAL_TOPIC, retryTopic);
            int retryQueue = context.random().nextInt(group.retryQueueNums());
            properties.put(MessageConst.PROPERTY_REAL_QUEUE_ID, Integer.toString(retryQueue));
            topic = TopicNames.SCHEDULE_TOPIC;
            queueId = level - 1;
        }
        MessageRecord retry = MessageRecord.builder().topic(topic).queueId(queueId).sysFlag(original.sysFlag())
                .bornTimestamp(original.bornTimestamp()).bornHost(original.bornHost()).storeHost(storeHost.get())
                .reconsumeTimes(original.reconsumeTimes() + 1).flag(original.flag()).body(original.body())
                .properties(properties).build();
        return writer.put(List.of(retry), false, queueId).thenApply(response ->
                response.code() == ResponseCode.SUCCESS ? RemotingCommand.response(ResponseCode.SUCCESS).build() : response);
    }
}
