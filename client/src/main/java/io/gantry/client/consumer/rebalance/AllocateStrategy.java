package io.gantry.client.consumer.rebalance;

import io.gantry.protocol.body.MessageQueue;
import java.util.List;

/**
 * Splits a topic's queues among a consumer group's members. A pure function: every member
 * computes its own share from the same inputs, so the shares must agree. Implementations sort
 * their inputs, so the order they come in does not matter; together the shares of all members
 * cover each queue exactly once.
 */
@FunctionalInterface
public interface AllocateStrategy {

    /**
     * The queues {@code clientId} takes. Empty if {@code clientId} is not among {@code clientIds}.
     *
     * @param queues    every queue of the topic (duplicates ignored)
     * @param clientIds every member of the group (duplicates ignored)
     */
    List<MessageQueue> allocate(String clientId, List<MessageQueue> queues, List<String> clientIds);

    /** Contiguous blocks, sizes differing by at most one (RocketMQ's default). */
    static AllocateStrategy averagely() {
        return new AllocateAveragely();
    }

    /** Queue i to member i mod n. */
    static AllocateStrategy averagelyByCircle() {
        return new AllocateAveragelyByCircle();
    }

    /** A hash ring with virtual nodes: few queues move when members come and go. */
    static AllocateStrategy consistentHash() {
        return new AllocateConsistentHash(AllocateConsistentHash.DEFAULT_VIRTUAL_NODES);
    }
}
