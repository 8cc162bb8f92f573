package io.gantry.e2e;

import static io.gantry.e2e.Messages.assertArrivedIntact;
import static io.gantry.e2e.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.client.RequestFailedException;
import io.gantry.client.admin.GantryAdmin;
import io.gantry.client.admin.QueueProgress;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.GantryLitePullConsumer;
import io.gantry.client.producer.GantryProducer;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.SendResult;
import io.gantry.protocol.body.ClusterInfo;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Gantry's admin client against Gantry's nameserver and broker. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AdminE2ETest {

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
        side = ClientSide.start(dir, "PG_ADMIN");
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

    @Test
    void clusterListNamesTheBroker() {
        ClusterInfo info = admin.clusterInfo();
        assertThat(info.clusterAddrTable()).containsEntry(GantryCluster.CLUSTER, java.util.Set.of(GantryCluster.BROKER_NAME));
        assertThat(info.brokerAddrTable().get(GantryCluster.BROKER_NAME).masterAddr()).isEqualTo(cluster.brokerAddress());
    }

    @Test
    void createRouteAndDeleteATopic() {
        String topic = "E2EAdminTopic";
        admin.createTopic(GantryCluster.CLUSTER, topic, 3);
        await().atMost(WAIT).ignoreExceptions().until(() -> admin.topicRoute(topic).queueDatas().get(0).writeQueueNums() == 3);
        TopicRouteData route = admin.topicRoute(topic);
        assertThat(route.queueDatas()).singleElement().satisfies(q -> {
            assertThat(q.brokerName()).isEqualTo(GantryCluster.BROKER_NAME);
            assertThat(q.readQueueNums()).isEqualTo(3);
        });
        assertThat(route.brokerDatas()).singleElement()
                .satisfies(b -> assertThat(b.masterAddr()).isEqualTo(cluster.brokerAddress()));
        SendResult sent = producer.send(message(topic, "before-delete", "T"));
        assertThat(sent.queue().queueId()).isBetween(0, 2);

        admin.deleteTopic(GantryCluster.CLUSTER, topic);
        assertThatThrownBy(() -> admin.topicRoute(topic)).isInstanceOfSatisfying(RequestFailedException.class,
                e -> assertThat(e.responseCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST));
    }

    @Test
    void findMessagesByIdByUniqueKeyAndByKey() {
        String topic = "E2EAdminQuery";
        Message plain = message(topic, "findable", "T");
        String big = "a compressed body to be found ".repeat(300);
        Message compressed = Message.builder(topic, big.getBytes(StandardCharsets.UTF_8)).tags("T").keys("k-big", "k-other")
                .property("origin", "e2e-big").build();
        SendResult plainResult = producer.send(plain);
        SendResult compressedResult = producer.send(compressed);

        assertArrivedIntact(admin.viewMessage(plainResult.offsetMsgId()), plain);
        assertArrivedIntact(admin.viewMessage(compressedResult.offsetMsgId()), compressed);
        await().atMost(WAIT).until(() -> admin.queryByUniqueKey(topic, plainResult.msgId()).size() == 1);
        assertArrivedIntact(admin.queryByUniqueKey(topic, plainResult.msgId()).get(0), plain);
        await().atMost(WAIT).until(() -> admin.queryByKey(topic, "k-other", 0, Long.MAX_VALUE).size() == 1);
        assertArrivedIntact(admin.queryByKey(topic, "k-other", 0, Long.MAX_VALUE).get(0), compressed);
        assertThat(admin.queryByKey(topic, "no-such-key", 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void consumerProgressShowsLagAndResetByTimeMovesTheGroup() {
        String topic = "E2EAdminProgress";
        String group = "CG_ADMIN_PROGRESS";
        admin.createTopic(GantryCluster.CLUSTER, topic, 2);
        await().atMost(WAIT).ignoreExceptions().until(() -> admin.topicRoute(topic).queueDatas().get(0).writeQueueNums() == 2);
        for (int i = 0; i < 6; i++) {
            producer.send(message(topic, "early-" + i, "T"));
        }
        GantryLitePullConsumer consumer = GantryLitePullConsumer.create(runtime.context(), cluster.clientConfig(),
                ConsumerConfig.litePull(group).withAutoCommit(false)
                        .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        consumer.subscribe(topic, "*");
        consumer.start();
        try {
            List<String> got = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(200).forEach(m -> got.add(m.keys()));
                return got.size() >= 6;
            });
            consumer.commitSync();
        } finally {
            consumer.shutdown();
        }
        long boundaryMs = System.currentTimeMillis() + 1;
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > boundaryMs);
        for (int i = 0; i < 4; i++) {
            producer.send(message(topic, "late-" + i, "T"));
        }
        List<QueueProgress> progress = admin.consumerProgress(group, topic);
        assertThat(progress).hasSize(2);
        assertThat(progress.stream().mapToLong(QueueProgress::lag).sum()).isEqualTo(4);
        assertThat(progress.stream().mapToLong(QueueProgress::brokerOffset).sum()).isEqualTo(10);
        assertThat(progress).allSatisfy(p -> assertThat(p.lag()).isEqualTo(p.brokerOffset() - p.consumerOffset()));

        Map<MessageQueue, Long> toStart = admin.resetOffsetByTime(group, topic, 0);
        assertThat(toStart).hasSize(2).allSatisfy((queue, offset) -> assertThat(offset).isZero());
        assertThat(admin.consumerProgress(group, topic).stream().mapToLong(QueueProgress::lag).sum()).isEqualTo(10);

        Map<MessageQueue, Long> toBoundary = admin.resetOffsetByTime(group, topic, boundaryMs);
        assertThat(toBoundary.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
        assertThat(admin.consumerProgress(group, topic).stream().mapToLong(QueueProgress::lag).sum()).isEqualTo(4);
    }
}
