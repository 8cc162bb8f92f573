package io.gantry.simulation.harness.cluster;

import io.gantry.client.consumer.ConsumeStatus;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.LitePullCore;
import io.gantry.client.consumer.MessageListener;
import io.gantry.client.consumer.PushConsumerCore;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.MessageModel;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One consumer client of the run's group, through the loop-level cores: a push consumer
 * (concurrent or orderly listener) or a lite pull consumer polling in a loop. Every delivered
 * message becomes a {@code read} entry: consumer, topic@broker, queue, queue offset, commit-log
 * offset, content hash, and the reconsume count and msgId in the detail. A clustering push listener
 * answers RECONSUME_LATER for about {@link #REJECT_PER_MILLE} per mille of its first-delivery batches (recorded with
 * that status), which sends concurrent messages through the broker's retry topic and delay levels
 * and makes an orderly queue pause and offer them again; only a CONSUME_SUCCESS (or a poll) counts
 * as consumed for liveness.
 */
final class ConsumerDriver {

    static final String GROUP = "sim-consumers";
    static final long POLL_TIMEOUT_MS = 1_000;
    static final int POLL_MAX = 32;
    static final long POLL_RETRY_MS = 200;
    static final int REJECT_PER_MILLE = 30;

    private final SimWorld world;
    private final ClientNode node;
    private final History history;
    private final String topic;
    private final ClusterSpec.ConsumerKind kind;
    private final MessageModel model;
    private final Set<String> seen = new HashSet<>();
    private final SplittableRandom random;
    private PushConsumerCore push;
    private LitePullCore lite;
    private boolean stopped;

    ConsumerDriver(SimWorld world, ClientNode node, History history, String topic, ClusterSpec.ConsumerKind kind,
                   MessageModel model, SplittableRandom random) {
        this.random = random;
        this.world = world;
        this.node = node;
        this.history = history;
        this.topic = topic;
        this.kind = kind;
        this.model = model;
    }

    String name() {
        return node.name();
    }

    /** Values this consumer has been handed at least once. */
    Set<String> seen() {
        return seen;
    }

    /** Starts the core; the flag is set once started. */
    boolean[] start() {
        boolean[] started = {false};
        node.execute(() -> {
            if (kind == ClusterSpec.ConsumerKind.LITE_PULL) {
                lite = new LitePullCore(node.client(), ConsumerConfig.litePull(GROUP).withMessageModel(model)
                        .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                        .withPolling(2_000, 5_000, 500));
                lite.subscribe(topic, "*");
                lite.start().whenComplete((v, e) -> {
                    started[0] = true;
                    poll();
                });
                return;
            }
            push = new PushConsumerCore(node.client(), ConsumerConfig.push(GROUP).withMessageModel(model)
                    .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                    .withPolling(2_000, 5_000, 500));
            push.subscribe(topic, "*");
            if (kind == ClusterSpec.ConsumerKind.PUSH_ORDERLY) {
                push.registerListener((MessageListener.Orderly) this::consume);
            } else {
                push.registerListener((MessageListener.Concurrent) this::consume);
            }
            push.start().whenComplete((v, e) -> started[0] = true);
        });
        return started;
    }

    private ConsumeStatus consume(List<ReceivedMessage> messages) {
        // Broadcasting drops what a listener rejects (nothing retries it), so only clustering rejects.
        // Only first deliveries: a second rejection goes to delay level 4+ (30 s, then minutes), which
        // can push a retry past the liveness bound after the heal (ms-sync seeds 137, 175).
        boolean reject = model == MessageModel.CLUSTERING && messages.stream().allMatch(m -> m.reconsumeTimes() == 0)
                && random.nextInt(1_000) < REJECT_PER_MILLE;
        for (ReceivedMessage m : messages) {
            record(m, reject ? "RECONSUME_LATER" : "DELIVERED");
        }
        return reject ? ConsumeStatus.RECONSUME_LATER : ConsumeStatus.CONSUME_SUCCESS;
    }

    private void poll() {
        if (stopped) {
            return;
        }
        lite.poll(POLL_TIMEOUT_MS, POLL_MAX).whenComplete((batch, failure) -> {
            if (batch != null) {
                batch.forEach(m -> record(m, "DELIVERED"));
            }
            if (failure != null || batch == null || batch.isEmpty()) {
                node.node().context().scheduler().schedule(POLL_RETRY_MS, this::poll);
            } else {
                node.execute(this::poll);
            }
        });
    }

    private void record(ReceivedMessage m, String status) {
        String value = Messages.valueOf(m.body());
        if (!"RECONSUME_LATER".equals(status)) {
            seen.add(value);
        }
        history.add(world.nowMs(), name(), HistoryEntry.Type.READ, "read", value,
                Messages.where(m.queue().topic(), m.queue().brokerName()), m.queue().queueId(), m.queueOffset(),
                m.record().commitLogOffset(), status, Messages.contentHash(m), -1,
                "reconsume=" + m.reconsumeTimes() + " msgId=" + m.msgId() + " topic=" + m.topic());
    }

    /** The committed-offset view is the broker's; this just stops the poll loop at the end. */
    void stop() {
        stopped = true;
    }
}
