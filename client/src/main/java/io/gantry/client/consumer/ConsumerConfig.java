package io.gantry.client.consumer;

import io.gantry.client.Names;
import io.gantry.client.consumer.rebalance.AllocateStrategy;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.MessageModel;
import java.util.Objects;

/**
 * Consumer settings shared by the lite pull and push consumers; defaults as RocketMQ 4.9's.
 *
 * @param group                  consumer group
 * @param messageModel           CLUSTERING (each message to one member) or BROADCASTING (to all)
 * @param consumeFromWhere       where a queue without a stored offset starts: LAST, FIRST or TIMESTAMP
 * @param consumeTimestampMs     the start time for CONSUME_FROM_TIMESTAMP
 * @param allocateStrategy       how a clustering group splits queues
 * @param pullBatchSize          messages asked for per pull
 * @param pullThresholdForQueue  messages buffered per queue before pulling pauses (flow control)
 * @param suspendTimeoutMs       how long the broker may hold a pull (long polling)
 * @param pullTimeoutMs          RPC timeout of a pull (longer than the hold)
 * @param pullRetryDelayMs       wait before pulling a queue again after an error
 * @param autoCommit             lite pull: commit polled offsets every {@code persistOffsetIntervalMs} of the client
 * @param maxReconsumeTimes      push: redeliveries before a message goes to the DLQ; -1 for RocketMQ's
 *                               default (16 for a concurrent listener, unlimited for an orderly one)
 * @param retryDelayLevel        push, concurrent: delay level of a RECONSUME_LATER redelivery; 0 lets
 *                               the broker choose (3 + reconsume times, i.e. 10 s, 30 s, 1 min, ...)
 */
public record ConsumerConfig(String group, MessageModel messageModel, ConsumeFromWhere consumeFromWhere,
        long consumeTimestampMs, AllocateStrategy allocateStrategy, int pullBatchSize, int pullThresholdForQueue,
        long suspendTimeoutMs, long pullTimeoutMs, long pullRetryDelayMs, boolean autoCommit, int maxReconsumeTimes,
        int retryDelayLevel) {

    public static final int MAX_PULL_BATCH = 1_024;
    /** RocketMQ's maxReconsumeTimes when none is set, for a concurrent listener. */
    public static final int DEFAULT_MAX_RECONSUME_TIMES = 16;
    /** Highest delay level a client may ask for (RocketMQ's 18 levels). */
    public static final int MAX_DELAY_LEVEL = 18;

    public ConsumerConfig {
        Names.checkGroup(group);
        Objects.requireNonNull(messageModel, "messageModel");
        Objects.requireNonNull(consumeFromWhere, "consumeFromWhere");
        Objects.requireNonNull(allocateStrategy, "allocateStrategy");
        if (pullBatchSize < 1 || pullBatchSize > MAX_PULL_BATCH || pullThresholdForQueue < 1
                || suspendTimeoutMs < 0 || pullTimeoutMs <= suspendTimeoutMs || pullRetryDelayMs <= 0
                || maxReconsumeTimes < -1 || retryDelayLevel < 0 || retryDelayLevel > MAX_DELAY_LEVEL) {
            throw new IllegalArgumentException("bad consumer config for group " + group);
        }
    }

    /** Lite pull defaults: batch 10, hold 20 s, timeout 30 s, retry after 3 s, auto-commit. */
    public static ConsumerConfig litePull(String group) {
        return new ConsumerConfig(group, MessageModel.CLUSTERING, ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET, 0,
                AllocateStrategy.averagely(), 10, 1_000, 20_000, 30_000, 3_000, true, -1, 0);
    }

    /** Push defaults: batch 32, hold 15 s, timeout 30 s, retry after 1 s, RocketMQ's reconsume limits. */
    public static ConsumerConfig push(String group) {
        return new ConsumerConfig(group, MessageModel.CLUSTERING, ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET, 0,
                AllocateStrategy.averagely(), 32, 1_000, 15_000, 30_000, 1_000, false, -1, 0);
    }

    public ConsumerConfig withMessageModel(MessageModel value) {
        return new ConsumerConfig(group, value, consumeFromWhere, consumeTimestampMs, allocateStrategy, pullBatchSize,
                pullThresholdForQueue, suspendTimeoutMs, pullTimeoutMs, pullRetryDelayMs, autoCommit, maxReconsumeTimes, retryDelayLevel);
    }

    public ConsumerConfig withConsumeFromWhere(ConsumeFromWhere value) {
        return new ConsumerConfig(group, messageModel, value, consumeTimestampMs, allocateStrategy, pullBatchSize,
                pullThresholdForQueue, suspendTimeoutMs, pullTimeoutMs, pullRetryDelayMs, autoCommit, maxReconsumeTimes, retryDelayLevel);
    }

    /** CONSUME_FROM_TIMESTAMP from {@code timestampMs}. */
    public ConsumerConfig withConsumeTimestamp(long timestampMs) {
        return new ConsumerConfig(group, messageModel, ConsumeFromWhere.CONSUME_FROM_TIMESTAMP, timestampMs,
                allocateStrategy, pullBatchSize, pullThresholdForQueue, suspendTimeoutMs, pullTimeoutMs,
                pullRetryDelayMs, autoCommit, maxReconsumeTimes, retryDelayLevel);
    }

    public ConsumerConfig withAllocateStrategy(AllocateStrategy value) {
        return new ConsumerConfig(group, messageModel, consumeFromWhere, consumeTimestampMs, value, pullBatchSize,
                pullThresholdForQueue, suspendTimeoutMs, pullTimeoutMs, pullRetryDelayMs, autoCommit, maxReconsumeTimes, retryDelayLevel);
    }

    public ConsumerConfig withPullThresholdForQueue(int value) {
        return new ConsumerConfig(group, messageModel, consumeFromWhere, consumeTimestampMs, allocateStrategy,
                pullBatchSize, value, suspendTimeoutMs, pullTimeoutMs, pullRetryDelayMs, autoCommit, maxReconsumeTimes, retryDelayLevel);
    }

    public ConsumerConfig withAutoCommit(boolean value) {
        return new ConsumerConfig(group, messageModel, consumeFromWhere, consumeTimestampMs, allocateStrategy,
                pullBatchSize, pullThresholdForQueue, suspendTimeoutMs, pullTimeoutMs, pullRetryDelayMs, value,
                maxReconsumeTimes, retryDelayLevel);
    }

    public ConsumerConfig withPolling(long newSuspendTimeoutMs, long newPullTimeoutMs, long newPullRetryDelayMs) {
        return new ConsumerConfig(group, messageModel, consumeFromWhere, consumeTimestampMs, allocateStrategy,
                pullBatchSize, pullThresholdForQueue, newSuspendTimeoutMs, newPullTimeoutMs, newPullRetryDelayMs,
                autoCommit, maxReconsumeTimes, retryDelayLevel);
    }

    /** Delay level of a concurrent listener's redeliveries (RocketMQ's delayLevelWhenNextConsume); 0 = broker's choice. */
    public ConsumerConfig withRetryDelayLevel(int value) {
        return new ConsumerConfig(group, messageModel, consumeFromWhere, consumeTimestampMs, allocateStrategy,
                pullBatchSize, pullThresholdForQueue, suspendTimeoutMs, pullTimeoutMs, pullRetryDelayMs, autoCommit,
                maxReconsumeTimes, value);
    }

    /** The limit for a concurrent listener: the set value, or 16. */
    public int effectiveMaxReconsumeTimes() {
        return maxReconsumeTimes < 0 ? DEFAULT_MAX_RECONSUME_TIMES : maxReconsumeTimes;
    }

    /** The limit for an orderly listener: the set value, or unlimited. */
    public int effectiveOrderlyMaxReconsumeTimes() {
        return maxReconsumeTimes < 0 ? Integer.MAX_VALUE : maxReconsumeTimes;
    }

    public ConsumerConfig withMaxReconsumeTimes(int value) {
        return new ConsumerConfig(group, messageModel, consumeFromWhere, consumeTimestampMs, allocateStrategy,
                pullBatchSize, pullThresholdForQueue, suspendTimeoutMs, pullTimeoutMs, pullRetryDelayMs, autoCommit,
                value, retryDelayLevel);
    }
}
