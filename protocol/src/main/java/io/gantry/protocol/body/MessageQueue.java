package io.gantry.protocol.body;

import java.util.Comparator;

/**
 * One queue: (topic, broker name, queue id). Ordered by topic, then broker, then queue id, which
 * is how official clients sort queues for allocation. As a JSON map key it is written as an
 * object (the official codec's form), see {@link RemotingJson}.
 */
public record MessageQueue(String topic, String brokerName, int queueId) implements Comparable<MessageQueue> {

    private static final Comparator<MessageQueue> ORDER = Comparator
            .comparing(MessageQueue::topic, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(MessageQueue::brokerName, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(MessageQueue::queueId);

    @Override
    public int compareTo(MessageQueue other) {
        return ORDER.compare(this, other);
    }
}
