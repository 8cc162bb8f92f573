package io.gantry.broker.offset;

import io.gantry.protocol.body.ConsumerOffsetSerializeWrapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * Committed consumer offsets by (group, topic, queue): the next offset each group will consume.
 * Saved as {@code consumerOffset.json} in RocketMQ's shape ({@code topic@group -> queueId -> offset})
 * by a periodic persister, so a crash loses at most one interval of commits, as in RocketMQ.
 * Lives on the broker's loop.
 */
public final class ConsumerOffsetTable {

    /** Largest number of (topic, group) pairs held. */
    public static final int MAX_KEYS = 1_000_000;

    private final Map<String, Map<Integer, Long>> offsets = new TreeMap<>();
    private long version;

    private static String key(String topic, String group) {
        return topic + ConsumerOffsetSerializeWrapper.TOPIC_GROUP_SEPARATOR + group;
    }

    /** The committed offset, or -1 if none. */
    public long query(String group, String topic, int queueId) {
        Map<Integer, Long> queues = offsets.get(key(topic, group));
        Long offset = queues == null ? null : queues.get(queueId);
        return offset == null ? -1 : offset;
    }

    /** Stores a commit; a negative offset is ignored. */
    public void commit(String group, String topic, int queueId, long offset) {
        if (offset < 0) {
            return;
        }
        String key = key(topic, group);
        if (!offsets.containsKey(key) && offsets.size() >= MAX_KEYS) {
            throw new IllegalStateException("consumer offset table holds " + MAX_KEYS + " topic@group keys");
        }
        Long previous = offsets.computeIfAbsent(key, k -> new TreeMap<>()).put(queueId, offset);
        if (previous == null || previous != offset) {
            version++;
        }
    }

    /** Drops every offset of {@code topic} (topic deletion). */
    public void removeTopic(String topic) {
        String prefix = topic + ConsumerOffsetSerializeWrapper.TOPIC_GROUP_SEPARATOR;
        if (offsets.keySet().removeIf(k -> k.startsWith(prefix))) {
            version++;
        }
    }

    /** Topics {@code group} has committed offsets for, sorted. */
    public java.util.List<String> topicsOf(String group) {
        String suffix = ConsumerOffsetSerializeWrapper.TOPIC_GROUP_SEPARATOR + group;
        return offsets.keySet().stream().filter(k -> k.endsWith(suffix))
                .map(k -> k.substring(0, k.length() - suffix.length())).toList();
    }

    /** Groups with committed offsets on {@code topic}, sorted. */
    public java.util.List<String> groupsOf(String topic) {
        String prefix = topic + ConsumerOffsetSerializeWrapper.TOPIC_GROUP_SEPARATOR;
        return offsets.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).toList();
    }

    /** Counts changes, so the persister skips writes when nothing changed. */
    public long version() {
        return version;
    }

    /** A deep copy, for the file. */
    public ConsumerOffsetSerializeWrapper snapshot() {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        offsets.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        return new ConsumerOffsetSerializeWrapper(copy);
    }

    public void load(ConsumerOffsetSerializeWrapper saved) {
        saved.offsetTable().forEach((k, v) -> {
            if (k.contains(ConsumerOffsetSerializeWrapper.TOPIC_GROUP_SEPARATOR) && offsets.size() < MAX_KEYS) {
                Map<Integer, Long> queues = new TreeMap<>();
                v.forEach((queue, offset) -> {
                    if (queue != null && offset != null && offset >= 0) {
                        queues.put(queue, offset);
                    }
                });
                offsets.put(k, queues);
            }
        });
    }
}
