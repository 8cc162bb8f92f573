package io.gantry.store;

import io.gantry.runtime.Disk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every consume queue of the store, under {@code <root>/consumequeue/<topic>/<queueId>/}, in a
 * sorted map so iteration order never depends on hashing. Creates queues on first dispatch.
 * Used on the store's loop.
 */
final class ConsumeQueueTable implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueueTable.class);

    private final Disk disk;
    private final String dir;
    private final int segmentSizeBytes;
    private final TreeMap<TopicQueue, ConsumeQueue> queues = new TreeMap<>();

    ConsumeQueueTable(Disk disk, String dir, int segmentSizeBytes) {
        this.disk = disk;
        this.dir = dir;
        this.segmentSizeBytes = segmentSizeBytes;
    }

    /** Opens every queue found on disk (start-up, blocking). */
    void load() throws IOException {
        disk.createDirectories(dir);
        for (String topic : disk.list(dir)) {
            for (String queue : disk.list(dir + "/" + topic)) {
                int queueId;
                try {
                    queueId = Integer.parseInt(queue);
                } catch (NumberFormatException e) {
                    LOG.warn("ignoring {}/{}/{}: not a queue id", dir, topic, queue);
                    continue;
                }
                queues.put(new TopicQueue(topic, queueId),
                        ConsumeQueue.open(disk, path(topic, queueId), topic, queueId, segmentSizeBytes));
            }
        }
    }

    private String path(String topic, int queueId) {
        return dir + "/" + topic + "/" + queueId;
    }

    /** The queue, or null if it was never written. */
    ConsumeQueue find(String topic, int queueId) {
        return queues.get(new TopicQueue(topic, queueId));
    }

    ConsumeQueue getOrCreate(String topic, int queueId) throws IOException {
        TopicQueue key = new TopicQueue(topic, queueId);
        ConsumeQueue q = queues.get(key);
        if (q == null) {
            q = ConsumeQueue.open(disk, path(topic, queueId), topic, queueId, segmentSizeBytes);
            queues.put(key, q);
        }
        return q;
    }

    Collection<ConsumeQueue> all() {
        return queues.values();
    }

    /** Queues with entries not yet forced. */
    List<ConsumeQueue> dirty() {
        List<ConsumeQueue> out = new ArrayList<>();
        for (ConsumeQueue q : queues.values()) {
            if (q.file().durablePosition() < q.file().writePosition()) {
                out.add(q);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        for (ConsumeQueue q : queues.values()) {
            q.close();
        }
        queues.clear();
    }
}
