package io.gantry.simulation.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.client.ClientInstance;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.LitePullCore;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.client.producer.ProducerCore;
import io.gantry.client.producer.SendStatus;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.store.FlushDiskType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression (found by the cluster harness, single-sync seed 0 with listeners answering
 * RECONSUME_LATER): store timestamps never go backwards, so after the broker's wall clock jumped
 * back, new records carry the pre-jump time. The schedule service compared that timestamp plus the
 * level's delay with the (jumped-back) wall clock, so every delayed or retried message stalled for
 * the size of the jump (up to an hour in the harness) instead of its level.
 */
class DelayAfterClockJumpSimulationTest {

    private static final String TOPIC = "Orders";

    @Test
    void aDelayedMessageArrivesAfterItsLevelEvenWhenTheBrokerClockJumpedBack() {
        BrokerSim sim = new BrokerSim(41, FlushDiskType.ASYNC_FLUSH);
        ClientInstance client = sim.client("client");
        ProducerCore producer = new ProducerCore(client, ProducerConfig.of("PG"));
        sim.await(client.context(), producer::start, 5_000);
        Message first = Message.builder(TOPIC, "first".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(sim.await(client.context(), () -> producer.send(first), 10_000).status()).isEqualTo(SendStatus.SEND_OK);
        LitePullCore consumer = new LitePullCore(client, ConsumerConfig.litePull("CG")
                .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        sim.await(client.context(), () -> {
            consumer.subscribe(TOPIC, "*");
            return consumer.start();
        }, 5_000);
        List<ReceivedMessage> received = new ArrayList<>();
        for (int round = 0; round < 20 && received.isEmpty(); round++) {
            received.addAll(sim.await(client.context(), () -> consumer.poll(1_000, 32), 10_000));
        }
        assertThat(received).hasSize(1);

        sim.brokerNode.clock().jumpWallClock(-600_000);
        long sentAtMs = sim.world.nowMs();
        Message delayed = Message.builder(TOPIC, "later".getBytes(StandardCharsets.UTF_8)).delayLevel(2).build();
        assertThat(sim.await(client.context(), () -> producer.send(delayed), 10_000).status()).isEqualTo(SendStatus.SEND_OK);
        received.clear();
        for (int round = 0; round < 30 && received.isEmpty(); round++) {
            received.addAll(sim.await(client.context(), () -> consumer.poll(1_000, 32), 10_000));
        }

        assertThat(received).extracting(m -> new String(m.body(), StandardCharsets.UTF_8)).containsExactly("later");
        assertThat(sim.world.nowMs() - sentAtMs).as("level 2 is 5 s, not 5 s plus the 10 min jump").isBetween(5_000L, 7_000L);
    }
}
