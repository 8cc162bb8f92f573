package io.gantry.client.producer;

import io.gantry.protocol.body.MessageQueue;
import java.util.List;

/** Picks the queue of a send, e.g. by sharding key so that one key's messages stay in order. */
@FunctionalInterface
public interface MessageQueueSelector {

    /** One of {@code queues} (never empty) for {@code message}; {@code arg} is what the caller passed to send. */
    MessageQueue select(List<MessageQueue> queues, Message message, Object arg);

    /** Selects by {@code arg.hashCode()}: the same sharding key always lands on the same queue while the queue list is stable. */
    static MessageQueueSelector byShardingKey() {
        return (queues, message, arg) -> queues.get(Math.floorMod(arg == null ? 0 : arg.hashCode(), queues.size()));
    }
}
