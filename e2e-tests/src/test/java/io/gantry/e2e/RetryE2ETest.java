package io.gantry.e2e;

import static io.gantry.e2e.Messages.assertArrivedIntact;
import static io.gantry.e2e.Messages.body;
import static io.gantry.e2e.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.client.consumer.ConsumeStatus;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.GantryLitePullConsumer;
import io.gantry.client.consumer.GantryPushConsumer;
import io.gantry.client.consumer.MessageListener;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.client.producer.GantryProducer;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.MessageQueueSelector;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries against Gantry's broker: RECONSUME_LATER brings a message back through
 * {@code %RETRY%<group>} with a rising reconsume count, and past {@code maxReconsumeTimes} (2 here)
 * it lands in {@code %DLQ%<group>}; the same for an orderly listener that keeps suspending.
 * Redeliveries use delay level 1 (one second) so the test does not wait for the default 10 s, 30 s.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RetryE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static ClientSide side;
    private static GantryCluster cluster;
    private static ProductionRuntime runtime;
    private static GantryProducer producer;

    @BeforeAll
    static void start() throws Exception {
        side = ClientSide.start(dir, "PG_RETRY");
        cluster = side.cluster();
        runtime = side.runtime();
        producer = side.producer();
    }

    @AfterAll
    static void stop() {
        if (side != null) {
            side.close();
        }
    }

    /** One delivery as the listener saw it. */
    private record Delivery(String queueTopic, String topic, int reconsumeTimes) {
    }

    @Test
    void reconsumeLaterRedeliversThroughTheRetryTopicThenTheDeadLetterQueue() {
        String topic = "E2ERetry";
        String group = "CG_RETRY";
        Message doomed = message(topic, "doomed", "T");
        Message once = message(topic, "retried-once", "T");
        Message fine = message(topic, "fine", "T");
        producer.send(doomed);
        producer.send(once);
        producer.send(fine);
        Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();
        Map<String, ReceivedMessage> lastSeen = new ConcurrentHashMap<>();
        GantryPushConsumer consumer = GantryPushConsumer.create(runtime.context(), cluster.clientConfig(),
                ConsumerConfig.push(group).withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                        .withMaxReconsumeTimes(2).withRetryDelayLevel(1));
        consumer.subscribe(topic, "*");
        consumer.registerListener((MessageListener.Concurrent) messages -> {
            ConsumeStatus status = ConsumeStatus.CONSUME_SUCCESS;
            for (ReceivedMessage m : messages) {
                List<Delivery> seen = deliveries.computeIfAbsent(body(m), k -> Collections.synchronizedList(new ArrayList<>()));
                seen.add(new Delivery(m.queue().topic(), m.topic(), m.reconsumeTimes()));
                lastSeen.put(body(m), m);
                if (body(m).equals("doomed") || (body(m).equals("retried-once") && seen.size() == 1)) {
                    status = ConsumeStatus.RECONSUME_LATER;
                }
            }
            return status;
        });
        consumer.start();
        List<ReceivedMessage> dead;
        try {
            await().atMost(WAIT).until(() -> deliveries.getOrDefault("doomed", List.of()).size() >= 3
                    && deliveries.getOrDefault("retried-once", List.of()).size() >= 2);
            dead = readDeadLetters(group, 1);
        } finally {
            consumer.shutdown();
        }
        String retryTopic = "%RETRY%" + group;
        assertThat(deliveries.get("doomed")).containsExactly(new Delivery(topic, topic, 0),
                new Delivery(retryTopic, topic, 1), new Delivery(retryTopic, topic, 2));
        assertThat(deliveries.get("retried-once")).containsExactly(new Delivery(topic, topic, 0),
                new Delivery(retryTopic, topic, 1));
        assertThat(deliveries.get("fine")).containsExactly(new Delivery(topic, topic, 0));
        assertArrivedIntact(lastSeen.get("doomed"), doomed);
        assertArrivedIntact(lastSeen.get("retried-once"), once);

        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.queue().topic()).isEqualTo("%DLQ%" + group);
            assertArrivedIntact(m, doomed);
        });
    }

    @Test
    void anOrderlyListenerThatKeepsSuspendingMovesTheMessageToTheDeadLetterQueueAndGoesOn() {
        String topic = "E2ERetryOrderly";
        String group = "CG_RETRY_ORDERLY";
        Message stuck = message(topic, "stuck", "T");
        producer.send(stuck, MessageQueueSelector.byShardingKey(), "k");
        producer.send(message(topic, "after-0", "T"), MessageQueueSelector.byShardingKey(), "k");
        producer.send(message(topic, "after-1", "T"), MessageQueueSelector.byShardingKey(), "k");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        GantryPushConsumer consumer = GantryPushConsumer.create(runtime.context(), cluster.clientConfig(),
                ConsumerConfig.push(group).withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                        .withMaxReconsumeTimes(2));
        consumer.subscribe(topic, "*");
        consumer.registerListener((MessageListener.Orderly) messages -> {
            messages.forEach(m -> seen.add(body(m)));
            return messages.stream().anyMatch(m -> body(m).equals("stuck"))
                    ? ConsumeStatus.RECONSUME_LATER : ConsumeStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        List<ReceivedMessage> dead;
        try {
            await().atMost(WAIT).until(() -> seen.contains("after-1"));
            dead = readDeadLetters(group, 1);
        } finally {
            consumer.shutdown();
        }
        // Offered once and suspended twice (the limit), then moved aside; the queue's order holds.
        assertThat(seen).containsExactly("stuck", "stuck", "stuck", "after-0", "after-1");
        assertThat(dead).singleElement().satisfies(m -> assertArrivedIntact(m, stuck));
    }

    private static List<ReceivedMessage> readDeadLetters(String group, int count) {
        MessageQueue dlq = new MessageQueue("%DLQ%" + group, GantryCluster.BROKER_NAME, 0);
        GantryLitePullConsumer reader = GantryLitePullConsumer.create(runtime.context(), cluster.clientConfig(),
                ConsumerConfig.litePull("CG_DLQ_READER_" + group).withPolling(20_000, 30_000, 200));
        reader.assign(List.of(dlq));
        reader.start();
        try {
            List<ReceivedMessage> dead = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                dead.addAll(reader.poll(200));
                return dead.size() >= count;
            });
            assertThat(reader.poll(300)).isEmpty();
            return dead;
        } finally {
            reader.shutdown();
        }
    }
}
