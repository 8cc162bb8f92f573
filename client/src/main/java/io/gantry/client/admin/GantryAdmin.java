package io.gantry.client.admin;

import io.gantry.client.ClientConfig;
import io.gantry.client.ClientInstance;
import io.gantry.client.LoopBridge;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.protocol.body.ClusterInfo;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Gantry's admin client, for user threads: a blocking facade over {@link AdminCore}. */
public final class GantryAdmin implements AutoCloseable {

    private final ClientInstance client;
    private final Scheduler scheduler;
    private final AdminCore core;
    private final long waitMs;

    public GantryAdmin(ClientInstance client) {
        this.client = client;
        this.scheduler = client.context().scheduler();
        this.core = new AdminCore(client);
        this.waitMs = client.config().rpcTimeoutMs() * 3 + client.config().facadeMarginMs();
        LoopBridge.call(scheduler, waitMs, () -> {
            client.acquire();
            return CompletableFuture.completedFuture(null);
        });
    }

    /** An admin client with its own client instance on {@code context}. */
    public static GantryAdmin create(NodeContext context, ClientConfig clientConfig) {
        ClientInstance client = LoopBridge.call(context.scheduler(), clientConfig.facadeMarginMs(),
                () -> CompletableFuture.completedFuture(new ClientInstance(context, clientConfig)));
        return new GantryAdmin(client);
    }

    public AdminCore core() {
        return core;
    }

    public ClusterInfo clusterInfo() {
        return LoopBridge.call(scheduler, waitMs, core::clusterInfo);
    }

    public TopicRouteData topicRoute(String topic) {
        return LoopBridge.call(scheduler, waitMs, () -> core.topicRoute(topic));
    }

    public void createTopic(String cluster, String topic, int queueNums) {
        LoopBridge.call(scheduler, waitMs, () -> core.createTopic(cluster, topic, queueNums));
    }

    public void deleteTopic(String cluster, String topic) {
        LoopBridge.call(scheduler, waitMs, () -> core.deleteTopic(cluster, topic));
    }

    public List<QueueProgress> consumerProgress(String group, String topic) {
        return LoopBridge.call(scheduler, waitMs, () -> core.consumerProgress(group, topic));
    }

    public ReceivedMessage viewMessage(String offsetMsgId) {
        return LoopBridge.call(scheduler, waitMs, () -> core.viewMessage(offsetMsgId));
    }

    public List<ReceivedMessage> queryByUniqueKey(String topic, String msgId) {
        return LoopBridge.call(scheduler, waitMs, () -> core.queryByUniqueKey(topic, msgId));
    }

    public List<ReceivedMessage> queryByKey(String topic, String key, long beginMs, long endMs) {
        return LoopBridge.call(scheduler, waitMs, () -> core.queryByKey(topic, key, beginMs, endMs));
    }

    public Map<MessageQueue, Long> resetOffsetByTime(String group, String topic, long timestampMs) {
        return LoopBridge.call(scheduler, waitMs, () -> core.resetOffsetByTime(group, topic, timestampMs));
    }

    @Override
    public void close() {
        LoopBridge.call(scheduler, waitMs, () -> {
            client.release();
            return CompletableFuture.completedFuture(null);
        });
    }
}
