package io.gantry.e2e;

import static io.gantry.e2e.Messages.assertArrivedIntact;
import static io.gantry.e2e.Messages.body;
import static io.gantry.e2e.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.client.admin.GantryAdmin;
import io.gantry.client.admin.QueueProgress;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.GantryLitePullConsumer;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.client.consumer.rebalance.AllocateStrategy;
import io.gantry.client.producer.GantryProducer;
import io.gantry.client.producer.Message;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

/**
 * Gantry's lite pull consumer against Gantry's broker: subscribe with auto-commit, assign and seek
 * with commitSync, broadcasting with offsets on the member's disk, and where a new consumer starts.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LitePullE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static ClientSide side;
    private static GantryCluster cluster;
    private static ProductionRuntime runtime;
    private static GantryProducer producer;
    private static GantryAdmin admin;

    @BeforeAll
    static void start() throws Exception {
        side = ClientSide.start(dir, "PG_LITE");
        cluster = side.cluster();
        runtime = side.runtime();
        producer = side.producer();
        admin = side.admin();
    }

    @AfterAll
    static void stop() {
        if (side != null) {
            side.close();
        }
    }

    private static Map<String, Message> sendAll(String topic, String prefix, int count) {
        Map<String, Message> sent = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Message m = message(topic, prefix + i, "T");
            producer.send(m);
            sent.put(prefix + i, m);
        }
        return sent;
    }

    private static Map<String, ReceivedMessage> pollUntil(GantryLitePullConsumer consumer, int count) {
        Map<String, ReceivedMessage> received = new LinkedHashMap<>();
        await().atMost(WAIT).until(() -> {
            consumer.poll(200).forEach(m -> assertThat(received.put(body(m), m)).as("duplicate %s", body(m)).isNull());
            return received.size() >= count;
        });
        return received;
    }

    private static long lag(String group, String topic) {
        return admin.consumerProgress(group, topic).stream().mapToLong(QueueProgress::lag).sum();
    }

    @Test
    void subscribeWithAutoCommitStoresProgressAndANewMemberResumesThere() {
        String topic = "E2ELiteSubscribe";
        String group = "CG_LITE_AUTO";
        Map<String, Message> first = sendAll(topic, "auto-", 10);
        ConsumerConfig config = ConsumerConfig.litePull(group).withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        GantryLitePullConsumer consumer = GantryLitePullConsumer.create(runtime.context(), cluster.clientConfig(), config);
        consumer.subscribe(topic, "*");
        consumer.start();
        try {
            Map<String, ReceivedMessage> got = pollUntil(consumer, first.size());
            assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(first.keySet());
            first.forEach((body, m) -> assertArrivedIntact(got.get(body), m));
            // Auto-commit (every persist interval) reaches the broker without any commit call.
            await().atMost(WAIT).ignoreExceptions().until(() -> lag(group, topic) == 0);
        } finally {
            consumer.shutdown();
        }
        Map<String, Message> second = sendAll(topic, "auto-more-", 3);
        GantryLitePullConsumer again = GantryLitePullConsumer.create(runtime.context(), cluster.clientConfig(), config);
        again.subscribe(topic, "*");
        again.start();
        try {
            Map<String, ReceivedMessage> got = pollUntil(again, second.size());
            assertThat(again.poll(300)).isEmpty();
            assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(second.keySet());
        } finally {
            again.shutdown();
        }
    }

    @Test
    void twoSubscribedMembersShareTheQueuesByConsistentHash() throws Exception {
        String topic = "E2ELiteShared";
        admin.createTopic(GantryCluster.CLUSTER, topic, 4);
        await().atMost(WAIT).ignoreExceptions().until(() -> admin.topicRoute(topic).queueDatas().get(0).writeQueueNums() == 4);
        ConsumerConfig config = ConsumerConfig.litePull("CG_LITE_SHARED")
                .withAllocateStrategy(AllocateStrategy.consistentHash())
                .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        try (ProductionRuntime other = ProductionRuntime.create("client-2", dir.resolve("client-2"))) {
            GantryLitePullConsumer a = GantryLitePullConsumer.create(runtime.context(), cluster.clientConfig(), config);
            GantryLitePullConsumer b = GantryLitePullConsumer.create(other.context(), cluster.clientConfig(), config);
            a.subscribe(topic, "*");
            b.subscribe(topic, "*");
            a.start();
            b.start();
            try {
                await().atMost(WAIT).until(() -> {
                    Set<MessageQueue> both = new HashSet<>(a.assignment());
                    both.addAll(b.assignment());
                    // Each queue held by exactly one member. Not "both hold some": consistent hashing of two
                    // client ids (which carry the process id) over four queues may give one member all of them.
                    return both.size() == 4 && a.assignment().size() + b.assignment().size() == 4;
                });
                Map<String, Message> sent = sendAll(topic, "shared-", 20);
                Map<String, ReceivedMessage> got = new ConcurrentHashMap<>();
                List<String> duplicates = new ArrayList<>();
                await().atMost(WAIT).until(() -> {
                    for (GantryLitePullConsumer c : List.of(a, b)) {
                        c.poll(100).forEach(m -> {
                            if (got.put(body(m), m) != null) {
                                duplicates.add(body(m));
                            }
                        });
                    }
                    return got.size() >= sent.size();
                });
                assertThat(duplicates).isEmpty();
                assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
                sent.forEach((body, m) -> assertArrivedIntact(got.get(body), m));
            } finally {
                a.shutdown();
                b.shutdown();
            }
        }
    }

    @Test
    void assignAndSeekThenCommitSync() {
        String topic = "E2ELiteAssign";
        MessageQueue queue = new MessageQueue(topic, GantryCluster.BROKER_NAME, 1);
        producer.send(message(topic, "create", "T"));
        List<String> bodies = new ArrayList<>();
        long firstOffset = -1;
        for (int i = 0; i < 6; i++) {
            long offset = producer.send(message(topic, "assigned-" + i, "T"), queue).queueOffset();
            firstOffset = firstOffset < 0 ? offset : firstOffset;
            bodies.add("assigned-" + i);
        }
        String group = "CG_LITE_ASSIGN";
        GantryLitePullConsumer consumer = GantryLitePullConsumer.create(runtime.context(), cluster.clientConfig(),
                ConsumerConfig.litePull(group).withAutoCommit(false));
        consumer.assign(List.of(queue));
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> consumer.position(queue) >= 0);
            assertThat(consumer.assignment()).containsExactly(queue);
            consumer.seek(queue, firstOffset + 2);
            List<String> got = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(200).forEach(m -> got.add(body(m)));
                return got.size() >= 4;
            });
            assertThat(got).containsExactlyElementsOf(bodies.subList(2, 6));
            assertThat(consumer.position(queue)).isEqualTo(firstOffset + 6);
            consumer.commitSync();
            long committed = firstOffset + 6;
            assertThat(admin.consumerProgress(group, topic)).filteredOn(p -> p.queue().equals(queue))
                    .singleElement().satisfies(p -> {
                        assertThat(p.consumerOffset()).isEqualTo(committed);
                        assertThat(p.lag()).isZero();
                    });
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void broadcastingKeepsOffsetsOnTheMembersDiskAndResumesAfterRestart() throws Exception {
        String topic = "E2ELiteBroadcast";
        String group = "CG_LITE_BC";
        Map<String, Message> first = sendAll(topic, "bc-", 6);
        ConsumerConfig config = ConsumerConfig.litePull(group).withMessageModel(MessageModel.BROADCASTING)
                .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        Path memberDir = dir.resolve("member");
        try (ProductionRuntime member = ProductionRuntime.create("member", memberDir)) {
            GantryLitePullConsumer consumer = GantryLitePullConsumer.create(member.context(), cluster.clientConfig(), config);
            consumer.subscribe(topic, "*");
            consumer.start();
            try {
                assertThat(pollUntil(consumer, first.size()).keySet()).containsExactlyInAnyOrderElementsOf(first.keySet());
                consumer.commitSync();
            } finally {
                consumer.shutdown();
            }
        }
        Map<String, Message> second = sendAll(topic, "bc-more-", 4);
        // A new process on the same data directory: only what was not committed comes.
        try (ProductionRuntime member = ProductionRuntime.create("member", memberDir)) {
            GantryLitePullConsumer consumer = GantryLitePullConsumer.create(member.context(), cluster.clientConfig(), config);
            consumer.subscribe(topic, "*");
            consumer.start();
            try {
                Map<String, ReceivedMessage> got = pollUntil(consumer, second.size());
                assertThat(consumer.poll(300)).isEmpty();
                assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(second.keySet());
            } finally {
                consumer.shutdown();
            }
        }
        // The broker knows nothing of a broadcasting group's offsets.
        assertThat(admin.consumerProgress(group, topic)).allSatisfy(p -> assertThat(p.consumerOffset()).isZero());
    }

    /**
     * FIRST, LAST and TIMESTAMP. A clustering group on a young queue gets offset 0 from the broker
     * whatever it asks for (RocketMQ 4.9 behaviour, kept by Gantry's broker), so the start rule is
     * observed with broadcasting members, which resolve it themselves.
     */
    @Test
    void aNewConsumerStartsFromFirstLastOrTimestamp() {
        String topic = "E2ELiteStart";
        Map<String, Message> old = sendAll(topic, "old-", 5);
        long boundaryMs = System.currentTimeMillis() + 1;
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > boundaryMs);
        Map<String, Message> recent = sendAll(topic, "recent-", 5);

        ConsumerConfig broadcast = ConsumerConfig.litePull("CG_START_LAST").withMessageModel(MessageModel.BROADCASTING);
        GantryLitePullConsumer last = GantryLitePullConsumer.create(runtime.context(), cluster.clientConfig(),
                broadcast.withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET));
        last.subscribe(topic, "*");
        last.start();
        List<String> latest;
        try {
            await().atMost(WAIT).until(() -> last.assignment().size() == 4
                    && last.assignment().stream().allMatch(q -> last.position(q) >= 0));
            latest = new ArrayList<>(sendAll(topic, "latest-", 3).keySet());
            assertThat(pollUntil(last, 3).keySet()).containsExactlyInAnyOrderElementsOf(latest);
        } finally {
            last.shutdown();
        }

        List<String> all = new ArrayList<>(old.keySet());
        all.addAll(recent.keySet());
        all.addAll(latest);
        assertThat(readFrom(topic, ConsumerConfig.litePull("CG_START_FIRST").withMessageModel(MessageModel.BROADCASTING)
                .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET), all.size()))
                .containsExactlyInAnyOrderElementsOf(all);
        List<String> sinceBoundary = new ArrayList<>(recent.keySet());
        sinceBoundary.addAll(latest);
        assertThat(readFrom(topic, ConsumerConfig.litePull("CG_START_TIME").withMessageModel(MessageModel.BROADCASTING)
                .withConsumeTimestamp(boundaryMs), sinceBoundary.size()))
                .containsExactlyInAnyOrderElementsOf(sinceBoundary);
    }

    private static List<String> readFrom(String topic, ConsumerConfig config, int count) {
        GantryLitePullConsumer consumer = GantryLitePullConsumer.create(runtime.context(), cluster.clientConfig(), config);
        consumer.subscribe(topic, "*");
        consumer.start();
        try {
            List<String> bodies = new ArrayList<>(pollUntil(consumer, count).keySet());
            assertThat(consumer.poll(300)).isEmpty();
            return bodies;
        } finally {
            consumer.shutdown();
        }
    }
}
