package io.gantry.simulation.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.client.ClientInstance;
import io.gantry.client.ValidationException;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.LitePullCore;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The lite pull consumer against a fake broker: polling, offsets, tag filtering, OFFSET_MOVED and rebalancing. */
class LitePullSimulationTest {

    private static final String TOPIC = "Events";
    private static final String GROUP = "CG";

    private final ClientSim sim = new ClientSim(7, "broker-a");
    private final FakeBroker broker = sim.broker("broker-a");

    private void storeMessages(int queueId, int count, String tag) {
        for (int i = 0; i < count; i++) {
            String properties = MessageProperties.encode(Map.of(MessageConst.PROPERTY_TAGS, tag,
                    MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "ID-" + queueId + "-" + tag + "-" + i));
            broker.store(TOPIC, queueId, (tag + "-" + i).getBytes(StandardCharsets.UTF_8), properties);
        }
    }

    private List<String> pollBodies(ClientInstance client, LitePullCore consumer, int wanted) {
        List<String> bodies = new ArrayList<>();
        for (int round = 0; round < 50 && bodies.size() < wanted; round++) {
            List<ReceivedMessage> batch = sim.await(client.context(), () -> consumer.poll(1_000, 32), 5_000);
            batch.forEach(m -> bodies.add(new String(m.body(), StandardCharsets.UTF_8)));
        }
        return bodies;
    }

    @Test
    void assignedQueueIsPolledInOrderFilteredByTagAndCommitted() {
        sim.nameServer.route(TOPIC, 1, "broker-a");
        storeMessages(0, 3, "A");
        storeMessages(0, 2, "B");
        ClientInstance client = sim.client("c1");
        LitePullCore consumer = new LitePullCore(client,
                ConsumerConfig.litePull(GROUP).withConsumeFromWhere(
                        io.gantry.protocol.body.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        MessageQueue queue = new MessageQueue(TOPIC, "broker-a", 0);
        sim.await(client.context(), () -> {
            consumer.subscribe(TOPIC, "A");
            return consumer.start();
        }, 5_000);

        List<String> bodies = pollBodies(client, consumer, 3);
        sim.await(client.context(), consumer::commitSync, 5_000);

        assertThat(bodies).containsExactly("A-0", "A-1", "A-2");
        // The committed position is just after the last message handed out by poll.
        assertThat(broker.offsets).containsEntry(GROUP + "@" + FakeBroker.key(TOPIC, 0), 3L);
        assertThat(consumer.assignment()).containsExactly(queue);
    }

    @Test
    void seekBeyondTheEndIsCorrectedByOffsetMoved() {
        sim.nameServer.route(TOPIC, 1, "broker-a");
        storeMessages(0, 2, "A");
        ClientInstance client = sim.client("c1");
        LitePullCore consumer = new LitePullCore(client, ConsumerConfig.litePull(GROUP).withAutoCommit(false));
        MessageQueue queue = new MessageQueue(TOPIC, "broker-a", 0);
        sim.await(client.context(), () -> {
            consumer.assign(List.of(queue));
            return consumer.start();
        }, 5_000);
        sim.world.runUntil(() -> consumer.position(queue) >= 0, 5_000);
        assertThat(consumer.position(queue)).as("CONSUME_FROM_LAST_OFFSET starts at the end").isEqualTo(2);

        sim.await(client.context(), () -> {
            consumer.seek(queue, 100);
            return CompletableFuture.completedFuture(null);
        }, 100);
        sim.world.runFor(2_000);
        storeMessages(0, 1, "C");
        List<String> bodies = pollBodies(client, consumer, 1);

        assertThat(bodies).containsExactly("C-0");
        assertThat(consumer.position(queue)).isEqualTo(3);
    }

    @Test
    void twoMembersSplitTheQueuesBetweenThem() {
        sim.nameServer.route(TOPIC, 4, "broker-a");
        ClientInstance c1 = sim.client("c1");
        ClientInstance c2 = sim.client("c2");
        LitePullCore first = new LitePullCore(c1, ConsumerConfig.litePull(GROUP));
        LitePullCore second = new LitePullCore(c2, ConsumerConfig.litePull(GROUP));
        for (var pair : List.of(Map.entry(c1, first), Map.entry(c2, second))) {
            sim.await(pair.getKey().context(), () -> {
                pair.getValue().subscribe(TOPIC, "*");
                return pair.getValue().start();
            }, 5_000);
        }

        sim.world.runUntil(() -> first.assignment().size() == 2 && second.assignment().size() == 2, 30_000);

        Set<MessageQueue> all = new TreeSet<>(first.assignment());
        all.addAll(second.assignment());
        assertThat(first.assignment()).hasSize(2).doesNotContainAnyElementsOf(second.assignment());
        assertThat(all).hasSize(4);
    }

    @Test
    void consumeFromTimestampStartsAtTheFirstMessageStoredAtOrAfterIt() {
        sim.nameServer.route(TOPIC, 1, "broker-a");
        storeMessages(0, 2, "old");
        sim.world.runFor(5_000);
        long from = sim.world.node("broker-a").clock().wallClockMs();
        storeMessages(0, 2, "new");
        ClientInstance client = sim.client("c1");
        // The client's wall clock may be skewed against the broker's; the timestamp is the broker's time.
        LitePullCore consumer = new LitePullCore(client, ConsumerConfig.litePull(GROUP).withConsumeTimestamp(from));
        sim.await(client.context(), () -> {
            consumer.subscribe(TOPIC, "*");
            return consumer.start();
        }, 5_000);

        assertThat(pollBodies(client, consumer, 2)).containsExactly("new-0", "new-1");
    }

    @Test
    void startingWithoutASubscriptionIsRejected() {
        ClientInstance client = sim.client("c1");
        LitePullCore consumer = new LitePullCore(client, ConsumerConfig.litePull(GROUP));
        CompletableFuture<Void> started = sim.run(client.context(), consumer::start, 100);
        assertThatThrownBy(started::join).hasCauseInstanceOf(ValidationException.class)
                .hasMessageContaining("without a subscription");
    }
}
