package io.gantry.simulation.harness.cluster;

import io.gantry.client.consumer.PullApi;
import io.gantry.client.consumer.PullResult;
import io.gantry.client.consumer.PullStatus;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.header.PullSysFlag;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import java.util.List;

/**
 * The final read of what the brokers hold, independent of the consumer group: a fresh client pulls
 * every queue of every master from offset 0 to its end (PULL_MESSAGE without suspension, its own
 * group, nothing committed) and records each message as a {@code read} by {@code drain}. The loss
 * checkers judge against this; a queue that errors is retried until the deadline.
 */
final class Drain {

    static final String GROUP = "sim-drain";
    static final int BATCH = 32;
    static final long RPC_TIMEOUT_MS = 3_000;
    static final long RETRY_MS = 500;

    private final SimWorld world;
    private final History history;
    private final List<BrokerProcess> brokers;
    private final String topic;
    private final int queues;
    private final ClientNode node;
    private final SubscriptionData subscription;
    private PullApi pulls;
    private boolean done;

    Drain(SimWorld world, History history, List<BrokerProcess> brokers, String topic, int queues, String nameServers) {
        this.world = world;
        this.history = history;
        this.brokers = brokers;
        this.topic = topic;
        this.queues = queues;
        this.node = ClientNode.create(world, "drain", "10.0.3.2", nameServers);
        this.subscription = SubscriptionData.ofTags(topic, "*", 0);
    }

    /** Drains everything; true if it finished by {@code deadlineMs}. */
    boolean run(long deadlineMs) {
        node.execute(() -> {
            pulls = new PullApi(node.client().rpc());
            pull(0, 0, 0, deadlineMs);
        });
        world.runUntil(() -> done, Math.max(0, deadlineMs - world.nowMs()));
        return done;
    }

    private void pull(int broker, int queue, long offset, long deadlineMs) {
        if (broker >= brokers.size()) {
            done = true;
            return;
        }
        if (queue >= queues) {
            pull(broker + 1, 0, 0, deadlineMs);
            return;
        }
        if (world.nowMs() >= deadlineMs) {
            return;
        }
        BrokerProcess b = brokers.get(broker);
        MessageQueue mq = new MessageQueue(topic, b.brokerName(), queue);
        int sysFlag = PullSysFlag.SUBSCRIPTION | PullSysFlag.LITE_PULL_MESSAGE;
        pulls.pull(b.address(), GROUP, mq, offset, BATCH, sysFlag, 0, subscription, 0, RPC_TIMEOUT_MS)
                .whenComplete((r, failure) -> {
                    if (failure != null) {
                        node.node().context().scheduler().schedule(RETRY_MS, () -> pull(broker, queue, offset, deadlineMs));
                        return;
                    }
                    next(broker, queue, offset, r, mq, deadlineMs);
                });
    }

    private void next(int broker, int queue, long offset, PullResult r, MessageQueue mq, long deadlineMs) {
        if (r.status() == PullStatus.FOUND) {
            for (ReceivedMessage m : r.messages()) {
                record(m);
            }
            pull(broker, queue, Math.max(offset + 1, r.nextBeginOffset()), deadlineMs);
        } else if (r.status() == PullStatus.OFFSET_ILLEGAL && r.nextBeginOffset() > offset) {
            pull(broker, queue, r.nextBeginOffset(), deadlineMs);
        } else if (r.status() == PullStatus.NO_MATCHED_MSG && offset < r.maxOffset()) {
            pull(broker, queue, Math.max(offset + 1, r.nextBeginOffset()), deadlineMs);
        } else {
            pull(broker, queue + 1, 0, deadlineMs);
        }
    }

    private void record(ReceivedMessage m) {
        history.add(world.nowMs(), "drain", HistoryEntry.Type.READ, "read", Messages.valueOf(m.body()),
                Messages.where(m.queue().topic(), m.queue().brokerName()), m.queue().queueId(), m.queueOffset(),
                m.record().commitLogOffset(), "FOUND", Messages.contentHash(m), -1,
                "reconsume=" + m.reconsumeTimes() + " msgId=" + m.msgId());
    }
}
