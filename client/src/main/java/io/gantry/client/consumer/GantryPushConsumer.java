package io.gantry.client.consumer;

import io.gantry.client.ClientConfig;
import io.gantry.client.ClientInstance;
import io.gantry.client.LoopBridge;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.Scheduler;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Gantry's push consumer, for user threads: a blocking facade over {@link PushConsumerCore}.
 * Subscribe and register a listener, then start. The listener runs off the client's loop.
 */
public final class GantryPushConsumer implements AutoCloseable {

    private final Scheduler scheduler;
    private final PushConsumerCore core;
    private final long waitMs;

    public GantryPushConsumer(ClientInstance client, ConsumerConfig config) {
        this.scheduler = client.context().scheduler();
        this.core = new PushConsumerCore(client, config);
        this.waitMs = client.config().rpcTimeoutMs() * 4 + client.config().facadeMarginMs();
    }

    /** A consumer with its own client instance on {@code context}. */
    public static GantryPushConsumer create(NodeContext context, ClientConfig clientConfig, ConsumerConfig config) {
        ClientInstance client = LoopBridge.call(context.scheduler(), clientConfig.facadeMarginMs(),
                () -> CompletableFuture.completedFuture(new ClientInstance(context, clientConfig)));
        return new GantryPushConsumer(client, config);
    }

    public PushConsumerCore core() {
        return core;
    }

    public void subscribe(String topic, String tagExpression) {
        run(() -> core.subscribe(topic, tagExpression));
    }

    public void registerListener(MessageListener listener) {
        run(() -> core.registerListener(listener));
    }

    public void start() {
        LoopBridge.call(scheduler, waitMs, core::start);
    }

    public Set<MessageQueue> assignment() {
        return LoopBridge.call(scheduler, waitMs, () -> CompletableFuture.completedFuture(core.assignment()));
    }

    public void shutdown() {
        LoopBridge.call(scheduler, waitMs, core::shutdown);
    }

    @Override
    public void close() {
        shutdown();
    }

    private void run(Runnable action) {
        LoopBridge.call(scheduler, waitMs, () -> {
            action.run();
            return CompletableFuture.completedFuture(null);
        });
    }
}
