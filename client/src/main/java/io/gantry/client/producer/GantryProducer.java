package io.gantry.client.producer;

import io.gantry.client.ClientConfig;
import io.gantry.client.ClientInstance;
import io.gantry.client.LoopBridge;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.Scheduler;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Gantry's producer, for user threads: a blocking facade over {@link ProducerCore}. Every call
 * is submitted to the node's loop and waited for (the send timeout plus a margin), so it is safe
 * from any thread except the loop itself. Async variants return futures that complete on the
 * loop: keep their callbacks short and non-blocking.
 *
 * <p>Failures: {@link io.gantry.client.ValidationException} for bad input (nothing sent),
 * {@link io.gantry.client.RequestFailedException} for a definite failure (not stored),
 * {@link io.gantry.client.IndeterminateException} when the outcome is unknown (may be stored).
 */
public final class GantryProducer implements AutoCloseable {

    private final Scheduler scheduler;
    private final ProducerCore core;
    private final long waitMs;
    /** Start and shutdown are control RPCs (route, heartbeat, unregister), not sends: their own budget. */
    private final long lifecycleWaitMs;

    /** A producer on a client instance that may be shared with other producers and consumers of the node. */
    public GantryProducer(ClientInstance client, ProducerConfig config) {
        this.scheduler = client.context().scheduler();
        this.core = new ProducerCore(client, config);
        this.waitMs = config.sendTimeoutMs() + client.config().facadeMarginMs();
        this.lifecycleWaitMs = client.config().rpcTimeoutMs() * 2 + client.config().facadeMarginMs();
    }

    /** A producer with its own client instance on {@code context}. Call from a user thread, not the loop. */
    public static GantryProducer create(NodeContext context, ClientConfig clientConfig, ProducerConfig config) {
        ClientInstance client = LoopBridge.call(context.scheduler(), clientConfig.facadeMarginMs(),
                () -> CompletableFuture.completedFuture(new ClientInstance(context, clientConfig)));
        return new GantryProducer(client, config);
    }

    /** The loop-side producer, for code already on the loop (e.g. the simulation). */
    public ProducerCore core() {
        return core;
    }

    public void start() {
        LoopBridge.call(scheduler, lifecycleWaitMs, core::start);
    }

    public void shutdown() {
        LoopBridge.call(scheduler, lifecycleWaitMs, core::shutdown);
    }

    @Override
    public void close() {
        shutdown();
    }

    public SendResult send(Message message) {
        return LoopBridge.call(scheduler, waitMs, () -> core.send(message));
    }

    public SendResult send(Message message, MessageQueue queue) {
        return LoopBridge.call(scheduler, waitMs, () -> core.send(message, queue));
    }

    /** Sends to the queue {@code selector} picks, e.g. {@link MessageQueueSelector#byShardingKey()} with the key as {@code arg}. */
    public SendResult send(Message message, MessageQueueSelector selector, Object arg) {
        return LoopBridge.call(scheduler, waitMs, () -> core.send(message, selector, arg));
    }

    public SendResult send(List<Message> batch) {
        return LoopBridge.call(scheduler, waitMs, () -> core.sendBatch(batch));
    }

    /** Sends without blocking; the future completes on the client's loop. */
    public CompletableFuture<SendResult> sendAsync(Message message) {
        return LoopBridge.submit(scheduler, () -> core.send(message));
    }

    /** Hands the message to the network and returns; no result, no retry. */
    public void sendOneway(Message message) {
        LoopBridge.call(scheduler, waitMs, () -> core.sendOneway(message));
    }
}
