package io.gantry.client.admin;

import io.gantry.protocol.body.MessageQueue;

/**
 * A consumer group's progress on one queue.
 *
 * @param queue          the queue
 * @param brokerOffset   the queue's max offset (next to be written)
 * @param consumerOffset the group's stored offset (next to consume)
 * @param lag            messages not yet consumed: {@code brokerOffset - consumerOffset}, at least 0
 * @param lastTimestampMs store time of the last consumed message, 0 if unknown
 */
public record QueueProgress(MessageQueue queue, long brokerOffset, long consumerOffset, long lag, long lastTimestampMs) {
}
