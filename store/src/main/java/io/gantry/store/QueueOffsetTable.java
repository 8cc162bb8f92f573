package io.gantry.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The next queue offset of every (topic, queueId), assigned at append time so that records carry
 * their offsets before the consume queues see them. Rebuilt at start from the recovered consume
 * queues. Never iterated, so a hash map is fine. Used on the store's loop.
 */
final class QueueOffsetTable {
    private final Map<TopicQueue, Long> next = new HashMap<>();

    long next(String topic, int queueId) {
        return next.getOrDefault(new TopicQueue(topic, queueId), 0L);
    }

    /** Records that offsets up to {@code queueOffset} inclusive are taken. */
    void taken(String topic, int queueId, long queueOffset) {
        next.merge(new TopicQueue(topic, queueId), queueOffset + 1, Math::max);
    }

    void set(String topic, int queueId, long nextOffset) {
        next.put(new TopicQueue(topic, queueId), nextOffset);
    }
}
