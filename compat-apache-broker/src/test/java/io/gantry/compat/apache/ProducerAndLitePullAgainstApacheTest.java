package io.gantry.compat.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.client.ClientConfig;
import io.gantry.client.ClientInstance;
import io.gantry.client.LoopBridge;
import io.gantry.client.RequestFailedException;
import io.gantry.client.ValidationException;
import io.gantry.client.admin.GantryAdmin;
import io.gantry.client.admin.QueueProgress;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.GantryLitePullConsumer;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.client.producer.GantryProducer;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.MessageQueueSelector;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.client.producer.SendResult;
import io.gantry.client.producer.SendStatus;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Gantry's producer and lite pull consumer against Apache RocketMQ 4.9.7's nameserver and broker. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProducerAndLitePullAgainstApacheTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static ApacheCluster cluster;
    private static ProductionRuntime runtime;
    private static ClientConfig clientConfig;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ApacheCluster.start(dir.resolve("apache"));
        runtime = ProductionRuntime.create("gantry-client", dir.resolve("client"));
        clientConfig = ClientConfig.of(cluster.nameServerAddress()).withRebalanceIntervalMs(1_000);
    }

    @AfterAll
    static void stopCluster() {
        if (runtime != null) {
            runtime.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everySendModeIsStoredAndLitePullReadsItAllBack() {
        String topic = "GantrySendModes";
        GantryProducer producer = GantryProducer.create(runtime.context(), clientConfig, ProducerConfig.of("PG_MODES"));
        producer.start();
        Map<String, String> sentBodies = new HashMap<>();
        try {
            SendResult sync = producer.send(message(topic, "sync-0", "TagA"));
            assertThat(sync.status()).isEqualTo(SendStatus.SEND_OK);
            assertThat(sync.offsetMsgId()).hasSize(32);
            assertThat(sync.queue().brokerName()).isEqualTo(ApacheCluster.BROKER_NAME);
            sentBodies.put(sync.msgId(), "sync-0");

            List<CompletableFuture<SendResult>> asyncs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                asyncs.add(producer.sendAsync(message(topic, "async-" + i, "TagA")));
            }
            for (int i = 0; i < asyncs.size(); i++) {
                SendResult result = asyncs.get(i).join();
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                sentBodies.put(result.msgId(), "async-" + i);
            }

            producer.sendOneway(message(topic, "oneway-0", "TagA"));

            SendResult batch = producer.send(List.of(message(topic, "batch-0", "TagA"), message(topic, "batch-1", "TagA")));
            assertThat(batch.msgId().split(",")).hasSize(2);
            assertThat(batch.offsetMsgId().split(",")).hasSize(2);
            sentBodies.put(batch.msgId().split(",")[0], "batch-0");
            sentBodies.put(batch.msgId().split(",")[1], "batch-1");

            byte[] big = "compressible ".repeat(1_000).getBytes(StandardCharsets.UTF_8);
            SendResult compressed = producer.send(Message.builder(topic, big).tags("TagA").build());
            sentBodies.put(compressed.msgId(), new String(big, StandardCharsets.UTF_8));

            SendResult other = producer.send(message(topic, "other-tag", "TagB"));
            assertThat(other.status()).isEqualTo(SendStatus.SEND_OK);
        } finally {
            producer.shutdown();
        }

        GantryLitePullConsumer consumer = GantryLitePullConsumer.create(runtime.context(), clientConfig,
                ConsumerConfig.litePull("CG_MODES").withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        consumer.subscribe(topic, "TagA");
        consumer.start();
        try {
            Map<String, String> received = new HashMap<>();
            List<String> tags = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                for (ReceivedMessage m : consumer.poll(500)) {
                    received.put(m.msgId(), new String(m.body(), StandardCharsets.UTF_8));
                    tags.add(m.tags());
                }
                return received.values().stream().filter(b -> b.startsWith("oneway")).count() == 1
                        && received.keySet().containsAll(sentBodies.keySet());
            });
            assertThat(received).containsAllEntriesOf(sentBodies);
            assertThat(received).hasSize(sentBodies.size() + 1);
            assertThat(tags).containsOnly("TagA");
            consumer.commitSync();
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void selectorKeepsOneKeyOnOneQueueInOrderAndAssignSeekReadsIt() {
        String topic = "GantryOrdered";
        GantryProducer producer = GantryProducer.create(runtime.context(), clientConfig, ProducerConfig.of("PG_ORDER"));
        producer.start();
        Set<MessageQueue> used = new TreeSet<>();
        long firstOffset;
        MessageQueue queue;
        try {
            // The first send auto-creates the topic; later ones see its real route.
            producer.send(message(topic, "warm-up", "T"));
            List<SendResult> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(producer.send(message(topic, "order-" + i, "T"), MessageQueueSelector.byShardingKey(), "key-7"));
            }
            results.forEach(r -> used.add(r.queue()));
            assertThat(used).hasSize(1);
            for (int i = 1; i < results.size(); i++) {
                assertThat(results.get(i).queueOffset()).isEqualTo(results.get(i - 1).queueOffset() + 1);
            }
            queue = used.iterator().next();
            firstOffset = results.get(0).queueOffset();
        } finally {
            producer.shutdown();
        }

        GantryLitePullConsumer consumer = GantryLitePullConsumer.create(runtime.context(), clientConfig,
                ConsumerConfig.litePull("CG_ORDER"));
        consumer.assign(List.of(queue));
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> consumer.position(queue) >= 0);
            consumer.seek(queue, firstOffset);
            List<String> bodies = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(500).forEach(m -> bodies.add(new String(m.body(), StandardCharsets.UTF_8)));
                return bodies.size() >= 10;
            });
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add("order-" + i);
            }
            assertThat(bodies).containsSubsequence(expected);
            assertThat(consumer.position(queue)).isEqualTo(firstOffset + 10);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void badInputFailsBeforeAnythingIsSent() {
        ClientInstance client = LoopBridge.call(runtime.context().scheduler(), 5_000,
                () -> CompletableFuture.completedFuture(new ClientInstance(runtime.context(), clientConfig)));
        GantryProducer producer = new GantryProducer(client, ProducerConfig.of("PG_BAD"));
        producer.start();
        try {
            assertThatThrownBy(() -> producer.send(Message.builder("bad topic!", new byte[] {1}).build()))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("topic");
            assertThatThrownBy(() -> producer.send(Message.builder("GoodTopic", new byte[0]).build()))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("empty");
            assertThatThrownBy(() -> producer.send(Message.builder("GoodTopic", new byte[4 * 1024 * 1024 + 1]).build()))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("limit");
        } finally {
            producer.shutdown();
        }
        GantryLitePullConsumer consumer = GantryLitePullConsumer.create(runtime.context(), clientConfig,
                ConsumerConfig.litePull("CG_BAD"));
        assertThatThrownBy(consumer::start).isInstanceOf(ValidationException.class).hasMessageContaining("subscription");
    }

    @Test
    void adminCreatesTopicsFindsMessagesShowsProgressAndResetsOffsets() {
        String topic = "GantryAdminTopic";
        try (GantryAdmin admin = GantryAdmin.create(runtime.context(), clientConfig)) {
            assertThat(admin.clusterInfo().clusterAddrTable()).containsKey(ApacheCluster.CLUSTER);

            admin.createTopic(ApacheCluster.CLUSTER, topic, 3);
            await().atMost(WAIT).ignoreExceptions()
                    .until(() -> admin.topicRoute(topic).queueDatas().get(0).writeQueueNums() == 3);

            GantryProducer producer = GantryProducer.create(runtime.context(), clientConfig, ProducerConfig.of("PG_ADMIN"));
            producer.start();
            List<SendResult> sent = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    sent.add(producer.send(message(topic, "admin-" + i, "T")));
                }
            } finally {
                producer.shutdown();
            }
            SendResult first = sent.get(0);

            ReceivedMessage viewed = admin.viewMessage(first.offsetMsgId());
            assertThat(new String(viewed.body(), StandardCharsets.UTF_8)).isEqualTo("admin-0");
            await().atMost(WAIT).until(() -> admin.queryByUniqueKey(topic, first.msgId()).size() == 1);
            await().atMost(WAIT).until(() -> admin.queryByKey(topic, "k-admin-3", 0, Long.MAX_VALUE).size() == 1);

            Map<MessageQueue, Long> reset = admin.resetOffsetByTime("CG_ADMIN", topic, 0);
            assertThat(reset).hasSize(3).allSatisfy((queue, offset) -> assertThat(offset).isZero());
            List<QueueProgress> progress = admin.consumerProgress("CG_ADMIN", topic);
            assertThat(progress).hasSize(3);
            assertThat(progress.stream().mapToLong(QueueProgress::lag).sum()).isEqualTo(6);

            admin.deleteTopic(ApacheCluster.CLUSTER, topic);
            assertThatThrownBy(() -> admin.topicRoute(topic)).isInstanceOf(RequestFailedException.class);
        }
    }

    private static Message message(String topic, String body, String tag) {
        return Message.builder(topic, body.getBytes(StandardCharsets.UTF_8)).tags(tag).keys("k-" + body).build();
    }
}
