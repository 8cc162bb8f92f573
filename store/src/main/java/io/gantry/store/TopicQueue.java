package io.gantry.store;

/** A (topic, queueId) pair, a value-based map key. */
record TopicQueue(String topic, int queueId) implements Comparable<TopicQueue> {
    @Override
    public int compareTo(TopicQueue o) {
        int c = topic.compareTo(o.topic);
        return c != 0 ? c : Integer.compare(queueId, o.queueId);
    }
}
