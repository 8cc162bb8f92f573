package io.gantry.nameserver.route;

import io.gantry.protocol.body.PermName;
import io.gantry.protocol.body.QueueData;
import io.gantry.protocol.body.TopicConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Topic to queue data, one entry per broker group hosting the topic (the master's view of its
 * queues and permissions). Sorted by topic and broker name. Not thread-safe: used on the loop.
 *
 * <p>Invariant: no topic maps to an empty set of queue data; a topic with no queues is gone.
 */
final class TopicQueueTable {

    private final Map<String, Map<String, QueueData>> topics = new TreeMap<>();

    /** Puts or replaces the queue data of {@code brokerName} for {@code config}'s topic; true if it changed. */
    boolean upsert(String brokerName, TopicConfig config) {
        QueueData queueData = new QueueData(brokerName, config.readQueueNums(), config.writeQueueNums(),
                config.perm(), config.topicSysFlag());
        QueueData previous = topics.computeIfAbsent(config.topicName(), topic -> new TreeMap<>())
                .put(brokerName, queueData);
        return !queueData.equals(previous);
    }

    /** How many of {@code topicNames} are not in the table yet. */
    int countNew(Collection<String> topicNames) {
        int count = 0;
        for (String topic : topicNames) {
            if (!topics.containsKey(topic)) {
                count++;
            }
        }
        return count;
    }

    /** Removes a broker group from every topic; returns the topics that are gone as a result. */
    List<String> removeBroker(String brokerName) {
        List<String> gone = new ArrayList<>();
        topics.entrySet().removeIf(entry -> {
            entry.getValue().remove(brokerName);
            if (entry.getValue().isEmpty()) {
                gone.add(entry.getKey());
                return true;
            }
            return false;
        });
        return gone;
    }

    /** The topic's queue data, by broker name; empty if the topic is unknown. */
    List<QueueData> queueDatas(String topic) {
        Map<String, QueueData> byBroker = topics.get(topic);
        return byBroker == null ? List.of() : List.copyOf(byBroker.values());
    }

    /** All topic names, sorted. */
    Set<String> topicNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(topics.keySet()));
    }

    /** Topics hosted by at least one of {@code brokerNames}, sorted. */
    Set<String> topicsOf(Set<String> brokerNames) {
        Set<String> found = new LinkedHashSet<>();
        topics.forEach((topic, byBroker) -> {
            if (!Collections.disjoint(byBroker.keySet(), brokerNames)) {
                found.add(topic);
            }
        });
        return found;
    }

    /** Topics with a queue data whose topicSysFlag matches {@code flagTest}, sorted. */
    Set<String> topicsWithSysFlag(IntPredicate flagTest) {
        Set<String> found = new LinkedHashSet<>();
        topics.forEach((topic, byBroker) -> {
            for (QueueData queueData : byBroker.values()) {
                if (flagTest.test(queueData.topicSysFlag())) {
                    found.add(topic);
                    return;
                }
            }
        });
        return found;
    }

    /**
     * Rewrites the permission of every queue data of {@code brokerName}: clears the write bit when
     * {@code wipe}, otherwise sets exactly read and write. Returns how many topics were touched.
     */
    int changeWritePerm(String brokerName, boolean wipe) {
        int count = 0;
        for (Map<String, QueueData> byBroker : topics.values()) {
            QueueData old = byBroker.get(brokerName);
            if (old != null) {
                int perm = wipe ? old.perm() & ~PermName.WRITE : PermName.READ | PermName.WRITE;
                byBroker.put(brokerName, new QueueData(brokerName, old.readQueueNums(), old.writeQueueNums(),
                        perm, old.topicSysFlag()));
                count++;
            }
        }
        return count;
    }

    /** Removes a whole topic; true if it existed. */
    boolean deleteTopic(String topic) {
        return topics.remove(topic) != null;
    }

    /** Removes the queue data of {@code brokerNames} from a topic, and the topic if none is left. */
    boolean deleteTopic(String topic, Set<String> brokerNames) {
        Map<String, QueueData> byBroker = topics.get(topic);
        if (byBroker == null) {
            return false;
        }
        boolean removed = byBroker.keySet().removeAll(brokerNames);
        if (byBroker.isEmpty()) {
            topics.remove(topic);
        }
        return removed;
    }

    int size() {
        return topics.size();
    }
}
