package io.gantry.client.consumer;

import io.gantry.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One queue held by a push consumer: the messages pulled and not yet consumed (by offset), where
 * to pull next, and the flags of its lifecycle. The offset to store is the smallest unconsumed
 * offset, or just past the last pulled message. Loop-only.
 */
final class ProcessQueue {

    final MessageQueue queue;
    final TreeMap<Long, ReceivedMessage> messages = new TreeMap<>();
    long nextPullOffset = -1;
    long maxPulledOffset = -1;
    boolean pulling;
    boolean dropped;
    boolean locked;
    /** Orderly: a batch of this queue is with the listener. */
    boolean consuming;
    /** Orderly: how often the listener asked to suspend on the message at each offset (RocketMQ keeps it in memory too). */
    final Map<Long, Integer> orderlyReconsumes = new HashMap<>();
    /** Offset last sent to the offset store. */
    long persistedOffset = -1;

    ProcessQueue(MessageQueue queue) {
        this.queue = queue;
    }

    void add(List<ReceivedMessage> pulled) {
        for (ReceivedMessage message : pulled) {
            messages.put(message.queueOffset(), message);
            maxPulledOffset = Math.max(maxPulledOffset, message.queueOffset());
        }
    }

    void remove(List<ReceivedMessage> done) {
        done.forEach(message -> {
            messages.remove(message.queueOffset());
            orderlyReconsumes.remove(message.queueOffset());
        });
    }

    /** The first {@code max} unconsumed messages, in offset order. */
    List<ReceivedMessage> head(int max) {
        List<ReceivedMessage> head = new ArrayList<>(max);
        for (ReceivedMessage message : messages.values()) {
            if (head.size() == max) {
                break;
            }
            head.add(message);
        }
        return head;
    }

    /** Next offset to consume: what the offset store keeps; -1 if unknown. */
    long consumeOffset() {
        if (!messages.isEmpty()) {
            return messages.firstKey();
        }
        if (maxPulledOffset >= 0) {
            return Math.max(maxPulledOffset + 1, nextPullOffset);
        }
        return nextPullOffset;
    }

    /** Offsets between the oldest and newest unconsumed message. */
    long span() {
        return messages.isEmpty() ? 0 : messages.lastKey() - messages.firstKey();
    }
}
