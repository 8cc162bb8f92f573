package io.gantry.simulation.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.config.BrokerRole;
import io.gantry.client.ClientConfig;
import io.gantry.client.ClientInstance;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.LitePullCore;
import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimWorld;
import io.gantry.store.FlushDiskType;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Gantry's own client reading from a slave: when the master suggests it (cold reads) and when the master is gone. */
class HaClientReadsSimulationTest {

    private static <T> T await(SimWorld world, NodeContext context, Supplier<CompletableFuture<T>> op, long maxMs) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.scheduler().execute(() -> op.get().whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(v);
            }
        }));
        world.runUntil(result::isDone, maxMs);
        assertThat(result).isDone();
        return result.join();
    }

    private static Set<String> consumeAll(HaSimSupport sim, int wanted) {
        SimWorld world = sim.world;
        NodeContext ctx = world.addNode("consumer").context();
        ClientInstance client = await(world, ctx, () -> CompletableFuture.completedFuture(new ClientInstance(ctx,
                ClientConfig.of(HaCluster.NAMESRV).withRebalanceIntervalMs(1_000).withPollNameServerIntervalMs(1_000))),
                100);
        LitePullCore consumer = new LitePullCore(client, ConsumerConfig.litePull("CG")
                .withConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET));
        await(world, ctx, () -> {
            consumer.subscribe(HaSimSupport.TOPIC, "*");
            return consumer.start();
        }, 5_000);
        Set<String> received = new HashSet<>();
        for (int round = 0; round < 200 && received.size() < wanted; round++) {
            List<ReceivedMessage> batch = await(world, ctx, () -> consumer.poll(1_000, 32), 10_000);
            for (ReceivedMessage m : batch) {
                received.add(new String(m.body(), StandardCharsets.UTF_8));
            }
        }
        return received;
    }

    private static Set<String> bodies(List<HaSimSupport.Sent> sent) {
        Set<String> out = new HashSet<>();
        sent.forEach(s -> out.add(s.body));
        return out;
    }

    @Test
    void consumersKeepReadingFromTheSlaveWhenTheMasterIsGone() {
        SimWorld world = new SimWorld(SimConfig.defaults(61));
        HaCluster c = new HaCluster(world, BrokerRole.SYNC_MASTER, HaCluster.smallStore(FlushDiskType.ASYNC_FLUSH, 500));
        HaSimSupport sim = new HaSimSupport(c);
        List<HaSimSupport.Sent> sent = sim.sendSequentially(24, 10_000);
        assertThat(sent).allMatch(s -> s.answered(ResponseCode.SUCCESS));
        world.runFor(11_000);
        assertThat(c.slave().topics().get(HaSimSupport.TOPIC)).isNotNull();
        c.stopMaster();

        assertThat(consumeAll(sim, sent.size())).containsAll(bodies(sent));
        assertThat(c.slave().store().stats().getMessageFoundCount()).isPositive();
    }

    @Test
    void coldReadsAreSentToTheSlave() {
        SimWorld world = new SimWorld(SimConfig.defaults(62));
        UnaryOperator<io.gantry.broker.config.BrokerConfig.Builder> tinyMemory = b -> b.totalPhysicalMemoryBytes(1_000);
        HaCluster c = new HaCluster(world, BrokerRole.ASYNC_MASTER, HaCluster.smallStore(FlushDiskType.ASYNC_FLUSH, 500),
                tinyMemory);
        HaSimSupport sim = new HaSimSupport(c);
        List<HaSimSupport.Sent> sent = sim.sendSequentially(60, 10_000);
        world.runFor(11_000);
        assertThat(c.awaitInSync(10_000)).isTrue();

        assertThat(consumeAll(sim, sent.size())).containsAll(bodies(sent));
        assertThat(c.slave().store().stats().getMessageFoundCount())
                .as("the master suggested the slave for reads far behind its log's end").isPositive();
    }
}
