package io.gantry.compat.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.client.ClientConfig;
import io.gantry.client.consumer.ConsumeStatus;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.GantryLitePullConsumer;
import io.gantry.client.consumer.GantryPushConsumer;
import io.gantry.client.consumer.MessageListener;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.client.producer.GantryProducer;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.MessageQueueSelector;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Gantry's push consumer (concurrent, retry, orderly, broadcasting) against Apache RocketMQ 4.9.7. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PushConsumerAgainstApacheTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static ApacheCluster cluster;
    private static ProductionRuntime runtime;
    private static ClientConfig clientConfig;
    private static GantryProducer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApacheCluster.start(dir.resolve("apache"));
        runtime = ProductionRuntime.create("gantry-push", dir.resolve("client"));
        clientConfig = ClientConfig.of(cluster.nameServerAddress()).withRebalanceIntervalMs(1_000)
                .withPersistOffsetIntervalMs(1_000);
        producer = GantryProducer.create(runtime.context(), clientConfig, ProducerConfig.of("PG_PUSH"));
        producer.start();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.shutdown();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<String> sendAll(String topic, String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(producer.send(Message.builder(topic, (prefix + i).getBytes(StandardCharsets.UTF_8)).tags("T")
                    .build()).msgId());
        }
        return ids;
    }

    private static GantryPushConsumer consumer(ConsumerConfig config, String topic, MessageListener listener) {
        GantryPushConsumer consumer = GantryPushConsumer.create(runtime.context(), clientConfig,
                config.withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        consumer.subscribe(topic, "*");
        consumer.registerListener(listener);
        return consumer;
    }

    @Test
    void concurrentListenerGetsEveryMessageAndAFailedOneComesBackThroughRetry() {
        String topic = "GantryPush";
        List<String> ids = sendAll(topic, "push-", 20);
        String retried = ids.get(3);
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        Map<String, Integer> reconsumeTimes = new ConcurrentHashMap<>();
        Set<String> topics = ConcurrentHashMap.newKeySet();
        GantryPushConsumer consumer = consumer(ConsumerConfig.push("CG_PUSH"), topic,
                (MessageListener.Concurrent) messages -> {
                    ReceivedMessage m = messages.get(0);
                    int n = deliveries.merge(m.msgId(), 1, Integer::sum);
                    reconsumeTimes.put(m.msgId(), m.reconsumeTimes());
                    topics.add(m.topic());
                    return m.msgId().equals(retried) && n == 1 ? ConsumeStatus.RECONSUME_LATER : ConsumeStatus.CONSUME_SUCCESS;
                });
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> deliveries.keySet().containsAll(ids) && deliveries.getOrDefault(retried, 0) >= 2);
            assertThat(reconsumeTimes.get(retried)).isEqualTo(1);
            assertThat(topics).as("a retried message shows its original topic").containsExactly(topic);
            assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void aMessageThatKeepsFailingEndsInTheDeadLetterQueue() {
        String topic = "GantryPushDlq";
        String group = "CG_DLQ";
        String failing = sendAll(topic, "dlq-", 1).get(0);
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        GantryPushConsumer consumer = consumer(ConsumerConfig.push(group).withMaxReconsumeTimes(2), topic,
                (MessageListener.Concurrent) messages -> {
                    messages.forEach(m -> deliveries.merge(m.msgId(), 1, Integer::sum));
                    return ConsumeStatus.RECONSUME_LATER;
                });
        consumer.start();
        try {
            // First delivery plus two retries, then the broker moves it to %DLQ%group.
            await().atMost(WAIT).until(() -> deliveries.getOrDefault(failing, 0) >= 3);
        } finally {
            consumer.shutdown();
        }
        GantryLitePullConsumer dlq = GantryLitePullConsumer.create(runtime.context(), clientConfig,
                ConsumerConfig.litePull("CG_DLQ_READER").withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        dlq.assign(List.of(new MessageQueue("%DLQ%" + group, ApacheCluster.BROKER_NAME, 0)));
        dlq.start();
        try {
            List<ReceivedMessage> dead = new ArrayList<>();
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                dead.addAll(dlq.poll(500));
                return !dead.isEmpty();
            });
            assertThat(dead.get(0).msgId()).isEqualTo(failing);
            assertThat(deliveries.get(failing)).isEqualTo(3);
        } finally {
            dlq.shutdown();
        }
    }

    @Test
    void orderlyListenerSeesOneKeysMessagesInSendOrder() {
        String topic = "GantryPushOrderly";
        producer.send(Message.builder(topic, "warm-up".getBytes(StandardCharsets.UTF_8)).build());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String body = "o-" + i;
            expected.add(body);
            producer.send(Message.builder(topic, body.getBytes(StandardCharsets.UTF_8)).build(),
                    MessageQueueSelector.byShardingKey(), "customer-9");
        }
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        GantryPushConsumer consumer = consumer(ConsumerConfig.push("CG_ORDERLY"), topic,
                (MessageListener.Orderly) messages -> {
                    messages.forEach(m -> seen.add(new String(m.body(), StandardCharsets.UTF_8)));
                    return ConsumeStatus.CONSUME_SUCCESS;
                });
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> seen.size() >= 16);
            List<String> ordered = new ArrayList<>(seen);
            ordered.remove("warm-up");
            assertThat(ordered).containsExactlyElementsOf(expected);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void broadcastingDeliversEveryMessageToEveryMember() throws Exception {
        String topic = "GantryBroadcast";
        List<String> ids = sendAll(topic, "b-", 8);
        try (ProductionRuntime second = ProductionRuntime.create("gantry-push-2", dir.resolve("client-2"))) {
            Set<String> first = ConcurrentHashMap.newKeySet();
            Set<String> other = ConcurrentHashMap.newKeySet();
            ConsumerConfig config = ConsumerConfig.push("CG_BROADCAST").withMessageModel(MessageModel.BROADCASTING)
                    .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            GantryPushConsumer a = GantryPushConsumer.create(runtime.context(), clientConfig, config);
            GantryPushConsumer b = GantryPushConsumer.create(second.context(), clientConfig, config);
            a.subscribe(topic, "*");
            b.subscribe(topic, "*");
            a.registerListener((MessageListener.Concurrent) messages -> {
                messages.forEach(m -> first.add(m.msgId()));
                return ConsumeStatus.CONSUME_SUCCESS;
            });
            b.registerListener((MessageListener.Concurrent) messages -> {
                messages.forEach(m -> other.add(m.msgId()));
                return ConsumeStatus.CONSUME_SUCCESS;
            });
            a.start();
            b.start();
            try {
                await().atMost(WAIT).until(() -> first.containsAll(ids) && other.containsAll(ids));
                assertThat(a.assignment()).isEqualTo(b.assignment());
            } finally {
                a.shutdown();
                b.shutdown();
            }
        }
    }
}
