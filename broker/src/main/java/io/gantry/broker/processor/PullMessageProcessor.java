package io.gantry.broker.processor;

import io.gantry.broker.client.ClientManager;
import io.gantry.broker.client.ConsumerGroupInfo;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.group.SubscriptionGroupTable;
import io.gantry.broker.longpoll.LongPollingService;
import io.gantry.broker.offset.ConsumerOffsetTable;
import io.gantry.broker.topic.TopicConfigTable;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.PermName;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.body.SubscriptionGroupConfig;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.header.PullMessageRequestHeader;
import io.gantry.protocol.header.PullMessageResponseHeader;
import io.gantry.protocol.header.PullSysFlag;
import io.gantry.broker.config.BrokerRole;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.protocol.rpc.RequestProcessor;
import io.gantry.runtime.NodeContext;
import io.gantry.store.GetMessageResult;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361): checks permission, group, topic, queue and
 * subscription (from the request, or the one registered by heartbeat), commits the offset the request
 * carries, reads from the store with a tag-hash filter and maps the store status to the official
 * codes. A caught-up request with the SUSPEND flag is held by the {@link LongPollingService} until a
 * message arrives on its queue or its suspend time ends, then answered with a fresh read.
 */
public final class PullMessageProcessor implements RequestProcessor {

    /** Longest hold honoured, whatever the request asks. */
    public static final long MAX_SUSPEND_MS = 60_000;
    /** RocketMQ's MixAll.MASTER_ID. */
    static final long MASTER_ID = 0;

    private final NodeContext context;
    private final BrokerConfig config;
    private final TopicConfigTable topics;
    private final SubscriptionGroupTable groups;
    private final ClientManager clients;
    private final ConsumerOffsetTable offsets;
    private final MessageStore store;
    private final LongPollingService longPolling;

    public PullMessageProcessor(NodeContext context, BrokerConfig config, TopicConfigTable topics,
                                SubscriptionGroupTable groups, ClientManager clients, ConsumerOffsetTable offsets,
                                MessageStore store, LongPollingService longPolling) {
        this.context = Objects.requireNonNull(context, "context");
        this.config = Objects.requireNonNull(config, "config");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.store = Objects.requireNonNull(store, "store");
        this.longPolling = Objects.requireNonNull(longPolling, "longPolling");
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RemotingChannel channel, RemotingCommand request) {
        PullMessageRequestHeader header = request.decodeHeader(PullMessageRequestHeader.class);
        return pull(header, true);
    }

    private CompletableFuture<RemotingCommand> pull(PullMessageRequestHeader header, boolean firstRun) {
        long nowMs = context.clock().wallClockMs();
        if (!PermName.isReadable(config.brokerPermission())) {
            return Responses.error(ResponseCode.NO_PERMISSION, "the broker[" + config.brokerIP1() + "] pulling message is forbidden");
        }
        SubscriptionGroupConfig group = groups.findOrCreate(header.consumerGroup(), nowMs);
        if (group == null) {
            return Responses.error(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "subscription group ["
                    + header.consumerGroup() + "] does not exist");
        }
        if (!group.consumeEnable()) {
            return Responses.error(ResponseCode.NO_PERMISSION, "subscription group no permission, " + header.consumerGroup());
        }
        TopicConfig topic = topics.get(header.topic());
        if (topic == null) {
            return Responses.error(ResponseCode.TOPIC_NOT_EXIST, "topic[" + header.topic() + "] not exist, apply first please!");
        }
        if (!PermName.isReadable(topic.perm())) {
            return Responses.error(ResponseCode.NO_PERMISSION, "the topic[" + header.topic() + "] pulling message is forbidden");
        }
        if (header.queueId() < 0 || header.queueId() >= topic.readQueueNums()) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "queueId[" + header.queueId() + "] is illegal, topic:["
                    + header.topic() + "] topicConfig.readQueueNums:[" + topic.readQueueNums() + "]");
        }
        int sysFlag = header.sysFlag();
        SubscriptionData subscription;
        if (PullSysFlag.hasSubscription(sysFlag)) {
            if (header.expressionType() != null && !SubscriptionData.EXPRESSION_TAG.equals(header.expressionType())) {
                return Responses.error(ResponseCode.SYSTEM_ERROR, "the broker does not support consume with "
                        + header.expressionType());
            }
            subscription = SubscriptionData.ofTags(header.topic(), header.subscription(), header.subVersion());
        } else {
            ConsumerGroupInfo info = clients.consumerGroup(header.consumerGroup());
            subscription = info == null ? null : info.subscription(header.topic());
            if (subscription == null) {
                return Responses.error(ResponseCode.SUBSCRIPTION_NOT_EXIST, "the consumer's subscription not exist, group: "
                        + header.consumerGroup());
            }
            if (info.messageModel() == MessageModel.BROADCASTING && !group.consumeBroadcastEnable()) {
                return Responses.error(ResponseCode.NO_PERMISSION, "the consumer group[" + header.consumerGroup()
                        + "] can not consume by broadcast way");
            }
            if (subscription.subVersion() < header.subVersion()) {
                return Responses.error(ResponseCode.SUBSCRIPTION_NOT_LATEST, "the consumer's subscription not latest");
            }
        }
        // A slave keeps no offsets committed by pulls: clients commit to the master (or UPDATE_CONSUMER_OFFSET).
        if (firstRun && PullSysFlag.hasCommitOffset(sysFlag) && config.brokerRole() != BrokerRole.SLAVE) {
            offsets.commit(header.consumerGroup(), header.topic(), header.queueId(), header.commitOffset());
        }
        int maxMsgNums = Math.max(1, header.maxMsgNums());
        int maxBytes = header.maxMsgBytes() == null || header.maxMsgBytes() <= 0 ? Integer.MAX_VALUE : header.maxMsgBytes();
        GetMessageResult result = store.getMessage(header.topic(), header.queueId(), header.queueOffset(), maxMsgNums,
                maxBytes, filterOf(subscription));
        PullOutcome outcome = PullOutcome.of(result, header.queueOffset());
        if (outcome.code() == ResponseCode.PULL_NOT_FOUND && firstRun && PullSysFlag.hasSuspend(sysFlag)) {
            long holdMs = config.longPollingEnable()
                    ? Math.min(MAX_SUSPEND_MS, Math.max(0, header.suspendTimeoutMillis()))
                    : config.shortPollingTimeMills();
            CompletableFuture<RemotingCommand> later = new CompletableFuture<>();
            boolean held = longPolling.hold(header.topic(), header.queueId(), holdMs, () ->
                    pull(header, false).whenComplete((response, failure) -> {
                        if (failure != null) {
                            later.completeExceptionally(failure);
                        } else {
                            later.complete(response);
                        }
                    }));
            if (held) {
                return later;
            }
        }
        int code = outcome.code();
        long suggest = suggestBrokerId(result, group);
        if (config.brokerRole() == BrokerRole.SLAVE && !config.slaveReadEnable()) {
            // A slave serves reads only with slaveReadEnable; otherwise it sends the consumer to the master.
            code = ResponseCode.PULL_RETRY_IMMEDIATELY;
            suggest = MASTER_ID;
        }
        RemotingCommand.Builder response = RemotingCommand.response(code)
                .remark(result.status().name())
                .header(new PullMessageResponseHeader(suggest, outcome.nextBeginOffset(), result.minOffset(),
                        result.maxOffset(), null, null, null, null));
        if (code == ResponseCode.SUCCESS) {
            response.body(result.concatenated());
        }
        return Responses.done(response.build());
    }

    /**
     * With slaveReadEnable, the group's slow-consumer broker (1 by default) when the read is cold: the
     * last record returned lies further behind the commit log's end than accessMessageInMemoryMaxRatio
     * percent of memory (so it is likely not in the page cache). Otherwise the group's broker (0).
     */
    private long suggestBrokerId(GetMessageResult result, SubscriptionGroupConfig group) {
        if (!config.slaveReadEnable()) {
            return MASTER_ID;
        }
        if (result.messageCount() > 0) {
            java.nio.ByteBuffer last = result.messages().get(result.messageCount() - 1);
            long pulledTo = last.getLong(last.position() + MessageRecordCodec.PHYSICAL_OFFSET_POSITION);
            long behind = store.getMaxPhyOffset() - pulledTo;
            long inMemory = (long) (config.totalPhysicalMemoryBytes() * (config.accessMessageInMemoryMaxRatio() / 100.0));
            if (behind > inMemory) {
                return group.whichBrokerWhenConsumeSlowly();
            }
        }
        return group.brokerId();
    }

    private static MessageFilter filterOf(SubscriptionData subscription) {
        if (subscription == null || subscription.isAllTags() || subscription.codeSet().isEmpty()) {
            return MessageFilter.ALL;
        }
        Set<Integer> codes = subscription.codeSet();
        return tagsCode -> codes.contains((int) tagsCode);
    }
}
