package io.gantry.broker.processor;

import io.gantry.broker.client.ClientChannel;
import io.gantry.broker.client.ClientManager;
import io.gantry.broker.client.ConsumerGroupInfo;
import io.gantry.broker.group.SubscriptionGroupTable;
import io.gantry.broker.topic.TopicConfigTable;
import io.gantry.broker.topic.TopicNames;
import io.gantry.protocol.body.CheckClientRequestBody;
import io.gantry.protocol.body.ConsumerData;
import io.gantry.protocol.body.GetConsumerListByGroupResponseBody;
import io.gantry.protocol.body.HeartbeatData;
import io.gantry.protocol.body.ProducerData;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.body.SubscriptionGroupConfig;
import io.gantry.protocol.header.GetConsumerListByGroupRequestHeader;
import io.gantry.protocol.header.NotifyConsumerIdsChangedRequestHeader;
import io.gantry.protocol.header.UnregisterClientRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.runtime.NodeContext;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HEART_BEAT (34), UNREGISTER_CLIENT (35), GET_CONSUMER_LIST_BY_GROUP (38) and CHECK_CLIENT_CONFIG
 * (46) over the {@link ClientManager}. A heartbeat auto-creates the consumer's group and its
 * %RETRY% topic; a change of a group's membership sends NOTIFY_CONSUMER_IDS_CHANGED (40) oneway to
 * every member of the group.
 */
public final class ClientProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ClientProcessor.class);

    private final NodeContext context;
    private final ClientManager clients;
    private final SubscriptionGroupTable groups;
    private final TopicConfigTable topics;

    public ClientProcessor(NodeContext context, ClientManager clients, SubscriptionGroupTable groups,
                           TopicConfigTable topics) {
        this.context = Objects.requireNonNull(context, "context");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    public CompletableFuture<RemotingCommand> heartbeat(RemotingChannel channel, RemotingCommand request) {
        HeartbeatData heartbeat = RemotingJson.decode(request.body(), HeartbeatData.class);
        if (heartbeat.clientID() == null || heartbeat.clientID().isEmpty()) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "heartbeat without clientID");
        }
        long monotonicMs = context.clock().monotonicMs();
        long wallMs = context.clock().wallClockMs();
        ClientChannel client = new ClientChannel(channel, heartbeat.clientID(), request.language(), request.version(),
                monotonicMs);
        for (ConsumerData consumer : heartbeat.consumerDataSet()) {
            if (consumer.groupName() == null || consumer.groupName().isEmpty()) {
                continue;
            }
            SubscriptionGroupConfig group = groups.findOrCreate(consumer.groupName(), wallMs);
            if (group != null && group.retryQueueNums() > 0) {
                topics.createSystemTopic(TopicNames.retryTopic(consumer.groupName()), group.retryQueueNums(), wallMs);
            }
            boolean changed = clients.registerConsumer(consumer, client, monotonicMs);
            if (changed && (group == null || group.notifyConsumerIdsChangedEnable())) {
                notifyConsumerIdsChanged(consumer.groupName());
            }
        }
        for (ProducerData producer : heartbeat.producerDataSet()) {
            if (producer.groupName() != null && !producer.groupName().isEmpty()) {
                clients.registerProducer(producer.groupName(), client, monotonicMs);
            }
        }
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }

    public CompletableFuture<RemotingCommand> unregister(RemotingChannel channel, RemotingCommand request) {
        UnregisterClientRequestHeader header = request.decodeHeader(UnregisterClientRequestHeader.class);
        List<String> changed = clients.unregister(channel, header.producerGroup(), header.consumerGroup());
        changed.forEach(this::notifyConsumerIdsChanged);
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }

    public CompletableFuture<RemotingCommand> consumerList(RemotingChannel channel, RemotingCommand request) {
        GetConsumerListByGroupRequestHeader header = request.decodeHeader(GetConsumerListByGroupRequestHeader.class);
        ConsumerGroupInfo group = clients.consumerGroup(header.consumerGroup());
        if (group == null || group.clientIds().isEmpty()) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "no consumer for this group, " + header.consumerGroup());
        }
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .body(RemotingJson.encode(new GetConsumerListByGroupResponseBody(group.clientIds()))).build());
    }

    /** Accepts TAG subscriptions; SQL92 is refused as a broker with property filtering off does (code 1). */
    public CompletableFuture<RemotingCommand> checkClientConfig(RemotingChannel channel, RemotingCommand request) {
        CheckClientRequestBody body = RemotingJson.decode(request.body(), CheckClientRequestBody.class);
        SubscriptionData subscription = body.subscriptionData();
        if (subscription != null && !subscription.isTagType()) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "the broker does not support consume with "
                    + subscription.expressionType());
        }
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }

    /** A channel closed: it leaves its groups, and the rest of each group hears of it. */
    public void onChannelClosed(RemotingChannel channel) {
        clients.onChannelClosed(channel.id()).forEach(this::notifyConsumerIdsChanged);
    }

    /** Sends NOTIFY_CONSUMER_IDS_CHANGED oneway to every channel of {@code group}. */
    public void notifyConsumerIdsChanged(String group) {
        ConsumerGroupInfo info = clients.consumerGroup(group);
        if (info == null) {
            return;
        }
        for (ClientChannel member : info.members()) {
            RemotingCommand notify = RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED)
                    .header(new NotifyConsumerIdsChangedRequestHeader(group)).oneway().build();
            member.channel().invokeOneway(notify).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.debug("notify of group {} to {} failed: {}", group, member.clientId(), failure.toString());
                }
            });
        }
    }
}
