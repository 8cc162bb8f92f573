package io.gantry.simulation.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.schedule.ScheduleMessageService;
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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Regression (found by the cluster harness, two-groups seed 133, {@code liveness}): the schedule
 * service writes a due message's copy to its real queue without waiting for a force, and saved its
 * in-memory progress regardless. With the broker's disk slow, the progress file reached the disk
 * before the commit-log force covering the copy; a power loss then took the copy while
 * {@code delayOffset.json} said it was delivered, so two consumer retries (SYNC_FLUSH, durable in
 * the schedule topic) were never redelivered. The saved progress now only covers durable copies.
 */
class DelayProgressDurabilitySimulationTest {

    private static final String TOPIC = "Orders";
    private static final int LEVEL = 1;
    private static final int DELAYED = 8;
    /** Longer than the save interval plus the level's delay: the power loss comes before it. */
    private static final long FORCE_RETURNS_MS = ScheduleMessageService.SAVE_INTERVAL_MS + 5_000;

    @Test
    void aDueMessageWhoseCopyWasNotForcedIsDeliveredAgainAfterAPowerLoss() {
        BrokerSim sim = new BrokerSim(133, FlushDiskType.SYNC_FLUSH);
        ClientInstance client = sim.client("client");
        ProducerCore producer = new ProducerCore(client, ProducerConfig.of("PG"));
        sim.await(client.context(), producer::start, 5_000);
        Set<String> delayedBodies = new TreeSet<>();
        for (int i = 0; i < DELAYED; i++) {
            String body = "later-" + i;
            Message delayed = Message.builder(TOPIC, body.getBytes(StandardCharsets.UTF_8)).delayLevel(LEVEL).build();
            assertThat(sim.await(client.context(), () -> producer.send(delayed), 10_000).status())
                    .as("durable in the schedule topic").isEqualTo(SendStatus.SEND_OK);
            delayedBodies.add(body);
        }

        // Disk operations take effect at once but return late. A plain send now starts a commit-log
        // force that returns after FORCE_RETURNS_MS; the copy the schedule service writes when the
        // message falls due lands just after that force began, so the next force (the one that
        // would cover it) only starts when this one returns. Meanwhile the progress file is saved.
        sim.brokerNode.disk().faults().extraLatencyMicros(FORCE_RETURNS_MS * 1_000);
        Message plain = Message.builder(TOPIC, "now".getBytes(StandardCharsets.UTF_8)).build();
        sim.run(client.context(), () -> producer.send(plain), 10);
        ScheduleMessageService schedule = sim.broker.scheduleService();
        sim.world.runUntil(() -> schedule.offset(LEVEL) == DELAYED, 5_000);
        assertThat(schedule.offset(LEVEL)).as("the copies were written").isEqualTo(DELAYED);
        sim.world.runFor(ScheduleMessageService.SAVE_INTERVAL_MS + 500);
        assertThat(schedule.durableOffset(LEVEL)).as("its force has not returned").isZero();

        sim.brokerNode.powerLoss();
        sim.brokerNode.disk().faults().clear();
        sim.world.runFor(100);
        sim.startBroker(sim.brokerNode.restart());

        LitePullCore consumer = new LitePullCore(client, ConsumerConfig.litePull("CG")
                .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        sim.await(client.context(), () -> {
            consumer.subscribe(TOPIC, "*");
            return consumer.start();
        }, 5_000);
        // The power loss tears the unforced copies away (some of them at least, by sector); each
        // delayed message must still arrive at least once (duplicates are allowed).
        Set<String> received = new TreeSet<>();
        for (int round = 0; round < 30 && !received.containsAll(delayedBodies); round++) {
            for (ReceivedMessage m : sim.await(client.context(), () -> consumer.poll(1_000, 32), 10_000)) {
                received.add(new String(m.body(), StandardCharsets.UTF_8));
            }
        }
        assertThat(received).containsAll(delayedBodies);
    }
}
