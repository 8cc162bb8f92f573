package io.gantry.bench.official;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/**
 * Consumption of a backlog: a fresh topic gets {@code N} messages (asynchronous sends), then a fresh push consumer
 * group with the client's default settings reads it from the first offset. The rate is counted from the first
 * message delivered to the {@code N}-th, so the consumer's start-up and first rebalance are not in it.
 */
final class BacklogConsumeCell {

    /** A backlog that is not consumed within this is reported as what was consumed so far. */
    private static final long CONSUME_TIMEOUT_MS = 300_000;

    private final String namesrv;
    private final String instance;

    BacklogConsumeCell(String namesrv, String instance) {
        this.namesrv = namesrv;
        this.instance = instance;
    }

    CellResult run(String cell, AsyncSendCell filler, String topic, int messages, int bodyBytes, int inFlight)
            throws Exception {
        long filled = filler.sendAll(bodyBytes, Math.max(inFlight, 64), messages);
        AtomicLong consumed = new AtomicLong();
        AtomicLong firstNanos = new AtomicLong();
        AtomicLong lastNanos = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("BenchBacklog-" + instance);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("bench-consumer-" + instance);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (batch, context) -> {
            long now = System.nanoTime();
            firstNanos.compareAndSet(0, now);
            long total = consumed.addAndGet(batch.size());
            if (total >= filled) {
                lastNanos.compareAndSet(0, now);
                done.countDown();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            done.await(CONSUME_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } finally {
            consumer.shutdown();
        }
        long end = lastNanos.get() != 0 ? lastNanos.get() : System.nanoTime();
        double seconds = Math.max(1e-3, (end - firstNanos.get()) / 1e9);
        long counted = Math.min(consumed.get(), filled);
        // Failures here are backlog messages not consumed within the timeout.
        return new CellResult(cell, counted, filled - counted, seconds, 0, 0);
    }
}
