package io.gantry.e2e;

import static io.gantry.e2e.Messages.assertArrivedIntact;
import static io.gantry.e2e.Messages.body;
import static io.gantry.e2e.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.GantryLitePullConsumer;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.client.producer.GantryProducer;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.MessageQueueSelector;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every send mode of Gantry's producer against Gantry's broker, each message read back intact. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SendModesE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static ClientSide side;
    private static GantryCluster cluster;
    private static ProductionRuntime runtime;
    private static GantryProducer producer;

    @BeforeAll
    static void start() throws Exception {
        side = ClientSide.start(dir, "PG_SEND");
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

    @Test
    void everySendModeIsStoredAndReadBackIntact() {
        String topic = "E2ESendModes";
        Map<String, Message> sent = new LinkedHashMap<>();

        Message sync = message(topic, "sync-0", "TagA");
        SendResult syncResult = producer.send(sync);
        assertThat(syncResult.status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(syncResult.queue().brokerName()).isEqualTo(GantryCluster.BROKER_NAME);
        assertThat(syncResult.offsetMsgId()).hasSize(32);
        sent.put("sync-0", sync);

        List<CompletableFuture<SendResult>> asyncs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Message m = message(topic, "async-" + i, "TagA");
            sent.put("async-" + i, m);
            asyncs.add(producer.sendAsync(m));
        }
        asyncs.forEach(f -> assertThat(f.join().status()).isEqualTo(SendStatus.SEND_OK));

        Message oneway = message(topic, "oneway-0", "TagA");
        producer.sendOneway(oneway);
        sent.put("oneway-0", oneway);

        MessageQueue chosen = new MessageQueue(topic, GantryCluster.BROKER_NAME, 2);
        Message toQueue = message(topic, "to-queue-0", "TagA");
        SendResult toQueueResult = producer.send(toQueue, chosen);
        assertThat(toQueueResult.queue()).isEqualTo(chosen);
        sent.put("to-queue-0", toQueue);

        List<SendResult> keyed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Message m = message(topic, "keyed-" + i, "TagA");
            sent.put("keyed-" + i, m);
            keyed.add(producer.send(m, MessageQueueSelector.byShardingKey(), "order-42"));
        }
        assertThat(keyed).extracting(SendResult::queue).containsOnly(keyed.get(0).queue());
        for (int i = 1; i < keyed.size(); i++) {
            assertThat(keyed.get(i).queueOffset()).isEqualTo(keyed.get(i - 1).queueOffset() + 1);
        }

        List<Message> batch = List.of(message(topic, "batch-0", "TagA"), message(topic, "batch-1", "TagA"),
                message(topic, "batch-2", "TagA"));
        SendResult batchResult = producer.send(batch);
        assertThat(batchResult.msgId().split(",")).hasSize(3);
        batch.forEach(m -> sent.put(new String(m.body(), StandardCharsets.UTF_8), m));

        String big = "a body that compresses well ".repeat(400);
        assertThat(big.length()).isGreaterThan(4 * 1024);
        Message compressed = Message.builder(topic, big.getBytes(StandardCharsets.UTF_8)).tags("TagA").keys("k-big")
                .property("origin", "e2e-big").build();
        producer.send(compressed);
        sent.put(big, compressed);

        Map<String, ReceivedMessage> received = readAll(topic, "CG_SEND_READER", "*", sent.size());
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        sent.forEach((body, message) -> assertArrivedIntact(received.get(body), message));
        assertThat(received.get("sync-0").msgId()).isEqualTo(syncResult.msgId());
        assertThat(received.get("to-queue-0").queue()).isEqualTo(chosen);
        assertThat(received.get("keyed-0").queue()).isEqualTo(keyed.get(0).queue());
    }

    @Test
    void aDelayedMessageArrivesAfterItsLevel() {
        String topic = "E2EDelay";
        // Level 1 is one second with the broker's default levels.
        Message delayed = Message.builder(topic, "later".getBytes(StandardCharsets.UTF_8)).tags("D").keys("k-later")
                .property("origin", "e2e-later").delayLevel(1).build();
        long sentAtMs = System.currentTimeMillis();
        SendResult result = producer.send(delayed);
        assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
        producer.send(message(topic, "now", "D"));

        Map<String, ReceivedMessage> received = readAll(topic, "CG_DELAY_READER", "*", 2);
        long arrivedAtMs = System.currentTimeMillis();
        assertArrivedIntact(received.get("later"), delayed);
        assertThat(received.get("later").msgId()).isEqualTo(result.msgId());
        assertThat(arrivedAtMs - sentAtMs).isGreaterThanOrEqualTo(900);
        // The delayed copy is stored again when it falls due: after the undelayed one.
        assertThat(received.get("later").record().storeTimestamp())
                .isGreaterThan(received.get("now").record().storeTimestamp());
    }

    @Test
    void tagExpressionsFilterOnTheWay() {
        String topic = "E2ETags";
        for (String tag : List.of("TagA", "TagB", "TagC", "TagA", "TagD")) {
            producer.send(message(topic, tag + "-" + System.nanoTime(), tag));
        }
        GantryLitePullConsumer consumer = GantryLitePullConsumer.create(runtime.context(), cluster.clientConfig(),
                ConsumerConfig.litePull("CG_TAGS").withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        consumer.subscribe(topic, "TagA || TagC");
        consumer.start();
        try {
            List<String> tags = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(200).forEach(m -> tags.add(m.tags()));
                return tags.size() >= 3;
            });
            // Nothing else comes in a further poll.
            consumer.poll(500).forEach(m -> tags.add(m.tags()));
            assertThat(tags).containsExactlyInAnyOrder("TagA", "TagA", "TagC");
        } finally {
            consumer.shutdown();
        }
    }

    /** Reads {@code count} messages of {@code topic} from its start with a fresh group, by body. */
    private static Map<String, ReceivedMessage> readAll(String topic, String group, String tags, int count) {
        GantryLitePullConsumer consumer = GantryLitePullConsumer.create(runtime.context(), cluster.clientConfig(),
                ConsumerConfig.litePull(group).withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        consumer.subscribe(topic, tags);
        consumer.start();
        try {
            Map<String, ReceivedMessage> received = new HashMap<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(200).forEach(m -> assertThat(received.put(body(m), m)).as("duplicate " + body(m)).isNull());
                return received.size() >= count;
            });
            return received;
        } finally {
            consumer.shutdown();
        }
    }
}
