package io.gantry.simulation.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.client.ClientInstance;
import io.gantry.client.consumer.ConsumeStatus;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.MessageListener;
import io.gantry.client.consumer.PushConsumerCore;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.client.producer.ProducerCore;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.MessageModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The push consumer in the simulation: delivery, send-back on RECONSUME_LATER, orderly, broadcasting offsets, determinism. */
class PushConsumerSimulationTest {

    private static final String TOPIC = "Jobs";
    private static final String GROUP = "CG";

    private record Run(List<String> deliveries, long traceHash, int sentBack, long storedOffsetSum) {
    }

    private static Run run(long seed, MessageModel model, boolean orderly) {
        ClientSim sim = new ClientSim(seed, "broker-a", "broker-b");
        sim.nameServer.route(TOPIC, 2, "broker-a", "broker-b");
        sim.nameServer.route("%RETRY%" + GROUP, 1, "broker-a");
        ClientInstance producerClient = sim.client("producer");
        ProducerCore producer = new ProducerCore(producerClient, ProducerConfig.of("PG"));
        sim.await(producerClient.context(), producer::start, 5_000);
        for (int i = 0; i < 12; i++) {
            String body = "job-" + i;
            sim.await(producerClient.context(), () -> producer.send(
                    Message.builder(TOPIC, body.getBytes(StandardCharsets.UTF_8)).build()), 5_000);
        }

        ClientInstance client = sim.client("consumer");
        List<String> deliveries = new ArrayList<>();
        MessageListener listener = orderly
                ? (MessageListener.Orderly) messages -> {
                    messages.forEach(m -> deliveries.add(new String(m.body(), StandardCharsets.UTF_8)));
                    return ConsumeStatus.CONSUME_SUCCESS;
                }
                : (MessageListener.Concurrent) messages -> {
                    String body = new String(messages.get(0).body(), StandardCharsets.UTF_8);
                    deliveries.add(body + "#" + messages.get(0).reconsumeTimes());
                    return body.equals("job-5") && messages.get(0).reconsumeTimes() == 0
                            ? ConsumeStatus.RECONSUME_LATER : ConsumeStatus.CONSUME_SUCCESS;
                };
        PushConsumerCore consumer = new PushConsumerCore(client, ConsumerConfig.push(GROUP).withMessageModel(model)
                .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        sim.await(client.context(), () -> {
            consumer.subscribe(TOPIC, "*");
            consumer.registerListener(listener);
            return consumer.start();
        }, 5_000);
        int expected = orderly || model == MessageModel.BROADCASTING ? 12 : 13;
        sim.world.runUntil(() -> deliveries.size() >= expected, 60_000);
        sim.world.runFor(6_000); // one offset persist period
        sim.await(client.context(), consumer::shutdown, 10_000);
        int sentBack = sim.brokers.values().stream().mapToInt(b -> b.sentBack.size()).sum();
        long offsets = sim.brokers.values().stream()
                .flatMap(b -> b.offsets.entrySet().stream())
                .filter(e -> e.getKey().startsWith(GROUP + "@" + TOPIC))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        return new Run(deliveries, sim.world.traceHash(), sentBack, offsets);
    }

    @Test
    void concurrentListenerGetsEverythingAndAFailureComesBackThroughSendBack() {
        Run run = run(11, MessageModel.CLUSTERING, false);

        assertThat(run.deliveries()).hasSize(13);
        assertThat(run.deliveries()).contains("job-5#0", "job-5#1");
        for (int i = 0; i < 12; i++) {
            assertThat(run.deliveries()).contains("job-" + i + (i == 5 ? "#1" : "#0"));
        }
        assertThat(run.sentBack()).isEqualTo(1);
        assertThat(run.storedOffsetSum()).as("every queue's offset persisted past its messages").isEqualTo(12);
    }

    @Test
    void orderlyListenerSeesEachQueueInOrder() {
        Run run = run(12, MessageModel.CLUSTERING, true);

        assertThat(run.deliveries()).hasSize(12);
        // Messages were round-robined over 4 queues; within the listener's view each queue's share stays ordered.
        List<Integer> numbers = run.deliveries().stream().map(b -> Integer.parseInt(b.substring(4))).toList();
        for (int residue = 0; residue < 4; residue++) {
            int r = residue;
            List<Integer> one = numbers.stream().filter(n -> Math.floorMod(n - numbers.get(0), 4) == r).toList();
            assertThat(one).isSorted();
        }
    }

    @Test
    void broadcastingKeepsOffsetsLocallyAndNeverSendsBack() {
        Run run = run(13, MessageModel.BROADCASTING, false);

        assertThat(run.deliveries()).hasSize(12);
        assertThat(run.sentBack()).isZero();
        assertThat(run.storedOffsetSum()).as("broadcasting stores no offsets on brokers").isZero();
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        Run first = run(99, MessageModel.CLUSTERING, false);
        Run second = run(99, MessageModel.CLUSTERING, false);

        assertThat(second).isEqualTo(first);
    }
}
