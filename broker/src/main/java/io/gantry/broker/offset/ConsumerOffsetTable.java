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

    /** One committed offset, for reconciliation. */
    public record Entry(String group, String topic, int queueId, long offset) {
    }

    /**
     * A slave merges its master's offsets: an entry moves forward only, never back to an older master
     * value (RocketMQ #1094), so commits made on the slave while the master was away survive. Returns
     * the entries where this table is ahead of the master, for the slave to report back.
     */
    public java.util.List<Entry> mergeNewer(ConsumerOffsetSerializeWrapper master) {
        java.util.List<Entry> ahead = new java.util.ArrayList<>();
        master.offsetTable().forEach((key, queues) -> {
            int at = key.indexOf(ConsumerOffsetSerializeWrapper.TOPIC_GROUP_SEPARATOR);
            if (at <= 0 || queues == null) {
                return;
            }
            String topic = key.substring(0, at);
            String group = key.substring(at + 1);
            queues.forEach((queue, offset) -> {
                if (queue == null || offset == null || offset < 0) {
                    return;
                }
                long mine = query(group, topic, queue);
                if (offset > mine) {
                    try {
                        commit(group, topic, queue, offset);
                    } catch (IllegalStateException full) {
                        // The table is at its bound: keep what is there.
                    }
                }
            });
        });
        offsets.forEach((key, queues) -> {
            int at = key.indexOf(ConsumerOffsetSerializeWrapper.TOPIC_GROUP_SEPARATOR);
            Map<Integer, Long> theirs = master.offsetTable().get(key);
            queues.forEach((queue, offset) -> {
                Long their = theirs == null ? null : theirs.get(queue);
                if (their == null || offset > their) {
                    ahead.add(new Entry(key.substring(at + 1), key.substring(0, at), queue, offset));
                }
            });
        });
        return ahead;
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
