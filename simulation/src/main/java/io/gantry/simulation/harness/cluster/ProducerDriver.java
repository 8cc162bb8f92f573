package io.gantry.simulation.harness.cluster;

import io.gantry.client.ClientException;
import io.gantry.client.RequestFailedException;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.MessageQueueSelector;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.client.producer.ProducerCore;
import io.gantry.client.producer.SendResult;
import io.gantry.client.rpc.ClientRpc;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * One producer client running a workload through the loop-level {@link ProducerCore} (never the
 * blocking facade: the simulation is one thread). Every send is recorded as {@code invoke} and then
 * exactly one of {@code ok} (with the SendStatus, msgId, broker, queue and queue offset),
 * {@code fail} (a definite failure: not stored) or {@code info} (indeterminate, from
 * {@link io.gantry.client.IndeterminateException}, or anything the client did not classify).
 *
 * <p>Queue workload: a fresh unique value every few ms, at most {@link #MAX_IN_FLIGHT} unanswered.
 * Ordered workload: each of the producer's sharding keys sends one message at a time, selected by
 * key, the next only after the previous one's answer.
 */
final class ProducerDriver {

    static final String GROUP = "sim-producers";
    static final int MAX_IN_FLIGHT = 4;
    static final long MIN_GAP_MS = 10;
    static final long MAX_GAP_MS = 60;
    static final int MAX_PADDING_BYTES = 200;
    /** Ordered keys wait this many queue-workload gaps between sends, so all keys together send at a similar rate. */
    static final int ORDERED_GAP_FACTOR = 4;

    private final SimWorld world;
    private final ClientNode node;
    private final History history;
    private final String topic;
    private final SplittableRandom random;
    private final IntSupplier budget;
    private ProducerCore core;
    private int inFlight;
    private long sequence;
    private boolean stopped;

    /**
     * @param budget takes one operation from the run's cap; returns 0 when the cap is spent
     */
    ProducerDriver(SimWorld world, ClientNode node, History history, String topic, SplittableRandom random,
                   IntSupplier budget) {
        this.world = world;
        this.node = node;
        this.history = history;
        this.topic = topic;
        this.random = random;
        this.budget = budget;
    }

    String name() {
        return node.name();
    }

    /** Starts the core; returns a flag set when started (the run waits for it in virtual time). */
    boolean[] start() {
        boolean[] started = {false};
        node.execute(() -> {
            core = new ProducerCore(node.client(), ProducerConfig.of(GROUP));
            core.start().whenComplete((v, e) -> started[0] = true);
        });
        return started;
    }

    void stop() {
        stopped = true;
    }

    /** Queue workload: sends a value every few ms until stopped. */
    void runQueueWorkload() {
        world.schedule(gapMs(), this::queueTick);
    }

    private void queueTick() {
        if (stopped) {
            return;
        }
        if (inFlight < MAX_IN_FLIGHT && budget.getAsInt() > 0) {
            send(nextValue(), null, () -> { });
        }
        world.schedule(gapMs(), this::queueTick);
    }

    /** Ordered workload: one sequential chain per key. */
    void runOrderedWorkload(java.util.List<String> keys) {
        for (String key : keys) {
            world.schedule(gapMs(), () -> orderedTick(key));
        }
    }

    private void orderedTick(String key) {
        if (stopped) {
            return;
        }
        if (budget.getAsInt() <= 0) {
            world.schedule(gapMs(), () -> orderedTick(key));
            return;
        }
        String value = key + "." + (sequence++);
        send(value, key, () -> world.schedule(ORDERED_GAP_FACTOR * gapMs(), () -> orderedTick(key)));
    }

    /** Sends one fresh value now (probes after the heal); {@code done} gets whether it was acknowledged. */
    void probe(java.util.function.Consumer<Boolean> done) {
        String value = name() + "-probe-" + (sequence++);
        HistoryEntry[] completion = new HistoryEntry[1];
        send(value, null, () -> done.accept(completion[0].type() == HistoryEntry.Type.OK), completion);
    }

    private String nextValue() {
        return name() + "-" + (sequence++);
    }

    private long gapMs() {
        return random.nextLong(MIN_GAP_MS, MAX_GAP_MS + 1);
    }

    private void send(String value, String shard, Runnable after) {
        send(value, shard, after, new HistoryEntry[1]);
    }

    private void send(String value, String shard, Runnable after, HistoryEntry[] completion) {
        Message message = Messages.build(topic, value, shard, random.nextInt(MAX_PADDING_BYTES));
        HistoryEntry invoke = history.add(world.nowMs(), name(), HistoryEntry.Type.INVOKE, "put", value, topic, -1, -1,
                -1, null, Messages.contentHash(message), shard == null ? null : "shard=" + shard);
        inFlight++;
        node.execute(() -> {
            CompletableFuture<SendResult> f;
            try {
                f = shard == null ? core.send(message) : core.send(message, MessageQueueSelector.byShardingKey(), shard);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((result, failure) -> {
                inFlight--;
                completion[0] = complete(invoke, result, failure);
                after.run();
            });
        });
    }

    private HistoryEntry complete(HistoryEntry invoke, SendResult r, Throwable failure) {
        if (failure == null) {
            return history.add(world.nowMs(), name(), HistoryEntry.Type.OK, "put", invoke.value(),
                    Messages.where(topic, r.queue().brokerName()), r.queue().queueId(), r.queueOffset(), -1,
                    r.status().name(), 0, "msgId=" + r.msgId() + " offsetMsgId=" + r.offsetMsgId()
                            + " invokedAt=" + invoke.timeMs());
        }
        Throwable cause = ClientRpc.unwrap(failure);
        boolean definite = cause instanceof ClientException ce && ce.isDefinite();
        String status = cause instanceof RequestFailedException rf ? "CODE_" + rf.responseCode()
                : cause.getClass().getSimpleName();
        return history.add(world.nowMs(), name(), definite ? HistoryEntry.Type.FAIL : HistoryEntry.Type.INFO, "put",
                invoke.value(), topic, -1, -1, -1, definite ? status : "INDETERMINATE", 0, String.valueOf(cause));
    }
}
