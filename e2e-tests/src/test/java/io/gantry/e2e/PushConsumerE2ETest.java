package io.gantry.e2e;

import static io.gantry.e2e.Messages.assertArrivedIntact;
import static io.gantry.e2e.Messages.body;
import static io.gantry.e2e.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.client.ClientConfig;
import io.gantry.client.admin.GantryAdmin;
import io.gantry.client.admin.QueueProgress;
import io.gantry.client.consumer.ConsumeStatus;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.GantryPushConsumer;
import io.gantry.client.consumer.MessageListener;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.client.producer.GantryProducer;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.MessageQueueSelector;
import io.gantry.client.producer.SendResult;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Gantry's push consumer against Gantry's broker: clustering, broadcasting and orderly. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PushConsumerE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static GantryCluster cluster;
    private static ProductionRuntime runtime;
    private static ProductionRuntime otherRuntime;
    private static GantryProducer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = GantryCluster.start(dir.resolve("cluster"));
        runtime = ProductionRuntime.create("client", dir.resolve("client"));
        otherRuntime = ProductionRuntime.create("client-2", dir.resolve("client-2"));
        producer = GantryProducer.create(runtime.context(), cluster.clientConfig(), GantryCluster.producerConfig("PG_PUSH"));
        producer.start();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.shutdown();
        }
        for (ProductionRuntime r : new ProductionRuntime[] {runtime, otherRuntime}) {
            if (r != null) {
                r.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void createTopic(String topic, int queues) {
        try (GantryAdmin admin = GantryAdmin.create(runtime.context(), cluster.clientConfig())) {
            admin.createTopic(GantryCluster.CLUSTER, topic, queues);
            await().atMost(WAIT).ignoreExceptions()
                    .until(() -> admin.topicRoute(topic).queueDatas().get(0).writeQueueNums() == queues);
        }
    }

    private static GantryPushConsumer consumer(ProductionRuntime on, ConsumerConfig config, String topic,
            MessageListener listener) {
        GantryPushConsumer consumer = GantryPushConsumer.create(on.context(), cluster.clientConfig(),
                config.withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        consumer.subscribe(topic, "*");
        consumer.registerListener(listener);
        return consumer;
    }

    @Test
    void twoClusteringConsumersShareTheQueuesAndTogetherGetEverythingOnce() {
        String topic = "E2EPushShared";
        createTopic(topic, 4);
        Map<String, List<ReceivedMessage>> byA = new ConcurrentHashMap<>();
        Map<String, List<ReceivedMessage>> byB = new ConcurrentHashMap<>();
        GantryPushConsumer a = consumer(runtime, ConsumerConfig.push("CG_SHARED"), topic, recordInto(byA));
        GantryPushConsumer b = consumer(otherRuntime, ConsumerConfig.push("CG_SHARED"), topic, recordInto(byB));
        a.start();
        b.start();
        try {
            // Each ends up with two of the four queues, none held twice (their %RETRY% queue aside).
            await().atMost(WAIT).until(() -> {
                Set<MessageQueue> qa = queuesOf(topic, a.assignment());
                Set<MessageQueue> qb = queuesOf(topic, b.assignment());
                Set<MessageQueue> all = new HashSet<>(qa);
                all.addAll(qb);
                return qa.size() == 2 && qb.size() == 2 && all.size() == 4;
            });
            Map<String, Message> sent = new LinkedHashMap<>();
            for (int i = 0; i < 40; i++) {
                Message m = message(topic, "shared-" + i, "T");
                sent.put("shared-" + i, m);
                producer.send(m);
            }
            await().atMost(WAIT).until(() -> byA.size() + byB.size() >= sent.size());
            assertThat(byA).isNotEmpty();
            assertThat(byB).isNotEmpty();
            assertThat(byA.keySet()).doesNotContainAnyElementsOf(byB.keySet());
            Map<String, List<ReceivedMessage>> all = new LinkedHashMap<>(byA);
            all.putAll(byB);
            assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
            all.forEach((body, deliveries) -> {
                assertThat(deliveries).as("deliveries of %s", body).hasSize(1);
                assertArrivedIntact(deliveries.get(0), sent.get(body));
            });
            byA.values().forEach(d -> assertThat(a.assignment()).contains(d.get(0).queue()));
        } finally {
            a.shutdown();
            b.shutdown();
        }
    }

    /**
     * With the periodic rebalance a minute away, only NOTIFY_CONSUMER_IDS_CHANGED from the broker
     * can make the first member give up half its queues when a second joins.
     */
    @Test
    void aJoiningMemberTriggersARebalanceThroughTheBrokersNotification() {
        String topic = "E2EPushNotify";
        createTopic(topic, 4);
        ClientConfig slow = cluster.clientConfig().withRebalanceIntervalMs(60_000);
        MessageListener.Concurrent ignore = messages -> ConsumeStatus.CONSUME_SUCCESS;
        GantryPushConsumer a = GantryPushConsumer.create(runtime.context(), slow, ConsumerConfig.push("CG_NOTIFY"));
        a.subscribe(topic, "*");
        a.registerListener(ignore);
        a.start();
        GantryPushConsumer b = GantryPushConsumer.create(otherRuntime.context(), slow, ConsumerConfig.push("CG_NOTIFY"));
        b.subscribe(topic, "*");
        b.registerListener(ignore);
        try {
            await().atMost(WAIT).until(() -> queuesOf(topic, a.assignment()).size() == 4);
            b.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> queuesOf(topic, a.assignment()).size() == 2
                    && queuesOf(topic, b.assignment()).size() == 2);
            assertThat(queuesOf(topic, a.assignment())).doesNotContainAnyElementsOf(queuesOf(topic, b.assignment()));
            // And when it leaves (UNREGISTER_CLIENT), the first takes everything back.
            b.shutdown();
            await().atMost(Duration.ofSeconds(20)).until(() -> queuesOf(topic, a.assignment()).size() == 4);
        } finally {
            b.shutdown();
            a.shutdown();
        }
    }

    @Test
    void broadcastingDeliversEverythingToEachMember() {
        String topic = "E2EPushBroadcast";
        Map<String, Message> sent = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            Message m = message(topic, "bc-" + i, "T");
            sent.put("bc-" + i, m);
            producer.send(m);
        }
        Map<String, List<ReceivedMessage>> byA = new ConcurrentHashMap<>();
        Map<String, List<ReceivedMessage>> byB = new ConcurrentHashMap<>();
        ConsumerConfig config = ConsumerConfig.push("CG_BROADCAST").withMessageModel(MessageModel.BROADCASTING);
        GantryPushConsumer a = consumer(runtime, config, topic, recordInto(byA));
        GantryPushConsumer b = consumer(otherRuntime, config, topic, recordInto(byB));
        a.start();
        b.start();
        try {
            await().atMost(WAIT).until(() -> byA.keySet().containsAll(sent.keySet()) && byB.keySet().containsAll(sent.keySet()));
            for (Map<String, List<ReceivedMessage>> got : List.of(byA, byB)) {
                assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
                got.forEach((body, deliveries) -> assertArrivedIntact(deliveries.get(0), sent.get(body)));
            }
            assertThat(a.assignment()).hasSize(4).isEqualTo(b.assignment());
        } finally {
            a.shutdown();
            b.shutdown();
        }
    }

    @Test
    void orderlyListenerSeesEachKeysMessagesInSendOrder() {
        String topic = "E2EPushOrderly";
        createTopic(topic, 4);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            String key = "customer-" + (i % 3);
            String body = key + "#" + i;
            expected.computeIfAbsent(key, k -> new ArrayList<>()).add(body);
            producer.send(message(topic, body, "T"), MessageQueueSelector.byShardingKey(), key);
        }
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        Set<String> inListener = ConcurrentHashMap.newKeySet();
        List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
        GantryPushConsumer consumer = consumer(runtime, ConsumerConfig.push("CG_ORDERLY"), topic,
                (MessageListener.Orderly) messages -> {
                    String queue = messages.get(0).queue().toString();
                    if (!inListener.add(queue)) {
                        overlaps.add(queue);
                    }
                    try {
                        for (ReceivedMessage m : messages) {
                            String body = body(m);
                            seen.computeIfAbsent(body.substring(0, body.indexOf('#')),
                                    k -> Collections.synchronizedList(new ArrayList<>())).add(body);
                        }
                        return ConsumeStatus.CONSUME_SUCCESS;
                    } finally {
                        inListener.remove(queue);
                    }
                });
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> seen.values().stream().mapToInt(List::size).sum() >= 30);
            assertThat(seen).isEqualTo(expected);
            assertThat(overlaps).as("one queue consumed by two threads at once").isEmpty();
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void offsetsStoredAtShutdownLetTheNextMemberResumeAndTagsFilterPushedMessages() {
        String topic = "E2EPushResume";
        String group = "CG_RESUME";
        Map<String, Message> first = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            String tag = i % 2 == 0 ? "Even" : "Odd";
            Message m = message(topic, "first-" + i, tag);
            producer.send(m);
            if (tag.equals("Even")) {
                first.put("first-" + i, m);
            }
        }
        Map<String, List<ReceivedMessage>> got = new ConcurrentHashMap<>();
        GantryPushConsumer consumer = GantryPushConsumer.create(runtime.context(), cluster.clientConfig(),
                ConsumerConfig.push(group).withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        consumer.subscribe(topic, "Even");
        consumer.registerListener(recordInto(got));
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> got.keySet().containsAll(first.keySet()));
        } finally {
            consumer.shutdown();
        }
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(first.keySet());
        first.forEach((body, m) -> assertArrivedIntact(got.get(body).get(0), m));

        Map<String, List<ReceivedMessage>> later = new ConcurrentHashMap<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            producer.send(message(topic, "second-" + i, "Even"));
            second.add("second-" + i);
        }
        GantryPushConsumer again = GantryPushConsumer.create(otherRuntime.context(), cluster.clientConfig(),
                ConsumerConfig.push(group).withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        again.subscribe(topic, "Even");
        again.registerListener(recordInto(later));
        again.start();
        try {
            await().atMost(WAIT).until(() -> later.keySet().containsAll(second));
            assertThat(later.keySet()).containsExactlyInAnyOrderElementsOf(second);
        } finally {
            again.shutdown();
        }
    }

    /** Many messages through small process queues: flow control pauses pulling, nothing is lost, lag reaches 0. */
    @Test
    void aBusyQueueUnderFlowControlStillDeliversEverythingAndCommitsIt() {
        String topic = "E2EPushVolume";
        String group = "CG_VOLUME";
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            sends.add(producer.sendAsync(message(topic, "v-" + i, "T")));
        }
        sends.forEach(CompletableFuture::join);
        Map<String, List<ReceivedMessage>> got = new ConcurrentHashMap<>();
        GantryPushConsumer consumer = consumer(runtime, ConsumerConfig.push(group).withPullThresholdForQueue(8), topic,
                recordInto(got));
        consumer.start();
        try (GantryAdmin admin = GantryAdmin.create(runtime.context(), cluster.clientConfig())) {
            await().atMost(WAIT).until(() -> got.size() >= 400);
            assertThat(got.values()).allSatisfy(deliveries -> assertThat(deliveries).hasSize(1));
            await().atMost(WAIT).until(() -> admin.consumerProgress(group, topic).stream()
                    .mapToLong(QueueProgress::lag).sum() == 0);
        } finally {
            consumer.shutdown();
        }
    }

    /** Two orderly members: each queue is locked by one of them, and every key's order holds across both. */
    @Test
    void twoOrderlyMembersKeepEachKeysOrder() {
        String topic = "E2EPushOrderlyPair";
        createTopic(topic, 4);
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        MessageListener.Orderly listener = messages -> {
            for (ReceivedMessage m : messages) {
                String body = body(m);
                seen.computeIfAbsent(body.substring(0, body.indexOf('#')), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(body);
            }
            return ConsumeStatus.CONSUME_SUCCESS;
        };
        GantryPushConsumer a = consumer(runtime, ConsumerConfig.push("CG_ORDERLY_PAIR"), topic, listener);
        GantryPushConsumer b = consumer(otherRuntime, ConsumerConfig.push("CG_ORDERLY_PAIR"), topic, listener);
        a.start();
        b.start();
        try {
            await().atMost(WAIT).until(() -> queuesOf(topic, a.assignment()).size() == 2
                    && queuesOf(topic, b.assignment()).size() == 2);
            Map<String, List<String>> expected = new LinkedHashMap<>();
            for (int i = 0; i < 40; i++) {
                String key = "account-" + (i % 5);
                String body = key + "#" + i;
                expected.computeIfAbsent(key, k -> new ArrayList<>()).add(body);
                producer.send(message(topic, body, "T"), MessageQueueSelector.byShardingKey(), key);
            }
            await().atMost(WAIT).until(() -> seen.values().stream().mapToInt(List::size).sum() >= 40);
            assertThat(seen).isEqualTo(expected);
        } finally {
            a.shutdown();
            b.shutdown();
        }
    }

    /** A broadcasting member keeps its offsets on its own disk: restarted, it gets only what is new. */
    @Test
    void aRestartedBroadcastingMemberResumesFromItsLocalOffsets() throws Exception {
        String topic = "E2EPushBroadcastResume";
        ConsumerConfig config = ConsumerConfig.push("CG_BC_RESUME").withMessageModel(MessageModel.BROADCASTING);
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            producer.send(message(topic, "old-" + i, "T"));
            first.add("old-" + i);
        }
        Path memberDir = dir.resolve("bc-member");
        Map<String, List<ReceivedMessage>> before = new ConcurrentHashMap<>();
        try (ProductionRuntime member = ProductionRuntime.create("bc-member", memberDir)) {
            GantryPushConsumer c = consumer(member, config, topic, recordInto(before));
            c.start();
            try {
                await().atMost(WAIT).until(() -> before.keySet().containsAll(first));
            } finally {
                c.shutdown();
            }
        }
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            producer.send(message(topic, "new-" + i, "T"));
            second.add("new-" + i);
        }
        Map<String, List<ReceivedMessage>> after = new ConcurrentHashMap<>();
        try (ProductionRuntime member = ProductionRuntime.create("bc-member", memberDir)) {
            GantryPushConsumer c = consumer(member, config, topic, recordInto(after));
            c.start();
            try {
                await().atMost(WAIT).until(() -> after.keySet().containsAll(second));
                assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(second);
            } finally {
                c.shutdown();
            }
        }
    }

    private static Set<MessageQueue> queuesOf(String topic, Set<MessageQueue> queues) {
        Set<MessageQueue> result = new HashSet<>();
        queues.stream().filter(q -> q.topic().equals(topic)).forEach(result::add);
        return result;
    }

    private static MessageListener.Concurrent recordInto(Map<String, List<ReceivedMessage>> deliveries) {
        return messages -> {
            messages.forEach(m -> deliveries.computeIfAbsent(body(m), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(m));
            return ConsumeStatus.CONSUME_SUCCESS;
        };
    }
}
