package io.gantry.client.consumer;

import io.gantry.client.ClientConfig;
import io.gantry.client.ClientInstance;
import io.gantry.client.LoopBridge;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.Scheduler;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Gantry's lite pull consumer, for user threads: a blocking facade over {@link LitePullCore}.
 * Safe from any thread except the client's loop.
 */
public final class GantryLitePullConsumer implements AutoCloseable {

    /** Default maximum of messages one {@link #poll(long)} returns. */
    public static final int DEFAULT_MAX_POLL_MESSAGES = 32;

    private final Scheduler scheduler;
    private final LitePullCore core;
    private final long marginMs;
    private final long rpcWaitMs;

    public GantryLitePullConsumer(ClientInstance client, ConsumerConfig config) {
        this.scheduler = client.context().scheduler();
        this.core = new LitePullCore(client, config);
        this.marginMs = client.config().facadeMarginMs();
        this.rpcWaitMs = client.config().rpcTimeoutMs() * 2 + marginMs;
    }

    /** A consumer with its own client instance on {@code context}. */
    public static GantryLitePullConsumer create(NodeContext context, ClientConfig clientConfig, ConsumerConfig config) {
        ClientInstance client = LoopBridge.call(context.scheduler(), clientConfig.facadeMarginMs(),
                () -> CompletableFuture.completedFuture(new ClientInstance(context, clientConfig)));
        return new GantryLitePullConsumer(client, config);
    }

    public LitePullCore core() {
        return core;
    }

    public void subscribe(String topic, String tagExpression) {
        run(() -> core.subscribe(topic, tagExpression));
    }

    public void assign(Collection<MessageQueue> queues) {
        List<MessageQueue> copy = List.copyOf(queues);
        run(() -> core.assign(copy));
    }

    public void seek(MessageQueue queue, long offset) {
        run(() -> core.seek(queue, offset));
    }

    public void start() {
        LoopBridge.call(scheduler, rpcWaitMs * 3, core::start);
    }

    /** Messages that arrived, waiting up to {@code timeoutMs} for the first; empty on timeout. */
    public List<ReceivedMessage> poll(long timeoutMs) {
        return LoopBridge.call(scheduler, timeoutMs + marginMs, () -> core.poll(timeoutMs, DEFAULT_MAX_POLL_MESSAGES));
    }

    public void commitSync() {
        LoopBridge.call(scheduler, rpcWaitMs, core::commitSync);
    }

    public Set<MessageQueue> assignment() {
        return LoopBridge.call(scheduler, marginMs, () -> CompletableFuture.completedFuture(core.assignment()));
    }

    public long position(MessageQueue queue) {
        return LoopBridge.call(scheduler, marginMs, () -> CompletableFuture.completedFuture(core.position(queue)));
    }

    public void shutdown() {
        LoopBridge.call(scheduler, rpcWaitMs * 2, core::shutdown);
    }

    @Override
    public void close() {
        shutdown();
    }

    private void run(Runnable action) {
        LoopBridge.call(scheduler, marginMs, () -> {
            action.run();
            return CompletableFuture.completedFuture(null);
        });
    }
}
