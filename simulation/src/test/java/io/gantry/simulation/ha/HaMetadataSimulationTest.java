package io.gantry.simulation.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.config.BrokerRole;
import io.gantry.protocol.header.PullMessageRequestHeader;
import io.gantry.protocol.header.PullSysFlag;
import io.gantry.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimWorld;
import io.gantry.store.FlushDiskType;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A slave copies metadata from its master, keeps newer offsets of its own, refuses sends and serves pulls. */
class HaMetadataSimulationTest {

    private static RemotingCommand call(HaSimSupport sim, String address, RemotingCommand request) {
        CompletableFuture<RemotingCommand> f = new CompletableFuture<>();
        sim.producer.scheduler().execute(() -> sim.rpc.invoke(address, request, 5_000).whenComplete((r, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
            } else {
                f.complete(r);
            }
        }));
        sim.world.runUntil(f::isDone, 10_000);
        return f.join();
    }

    private static RemotingCommand commit(HaSimSupport sim, String address, long offset) {
        return call(sim, address, RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .header(new UpdateConsumerOffsetRequestHeader("G", HaSimSupport.TOPIC, 0, offset, null)).build());
    }

    @Test
    void slaveCopiesMetadataKeepsNewerOffsetsAndReportsThemBack() {
        SimWorld world = new SimWorld(SimConfig.defaults(51));
        HaCluster c = new HaCluster(world, BrokerRole.ASYNC_MASTER, HaCluster.smallStore(FlushDiskType.ASYNC_FLUSH, 500));
        HaSimSupport sim = new HaSimSupport(c);
        assertThat(sim.sendSequentially(8, 10_000)).allMatch(s -> s.answered(ResponseCode.SUCCESS));
        String master = c.master().address();
        String slave = c.slave().address();
        assertThat(commit(sim, master, 3).code()).isEqualTo(ResponseCode.SUCCESS);

        world.runFor(11_000);
        assertThat(c.slave().topics().get(HaSimSupport.TOPIC)).as("topic copied").isNotNull();
        assertThat(c.slave().consumerOffsets().query("G", HaSimSupport.TOPIC, 0)).isEqualTo(3);

        // The master is unreachable for a while: the consumer commits to the slave.
        assertThat(commit(sim, slave, 5).code()).isEqualTo(ResponseCode.SUCCESS);
        world.runFor(11_000);
        assertThat(c.slave().consumerOffsets().query("G", HaSimSupport.TOPIC, 0))
                .as("never replaced by the master's older offset").isEqualTo(5);
        assertThat(c.master().consumerOffsets().query("G", HaSimSupport.TOPIC, 0))
                .as("the slave's newer offset reached the master").isEqualTo(5);

        RemotingCommand refused = call(sim, slave, RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .header(new io.gantry.protocol.header.SendMessageRequestHeaderV2("PG", HaSimSupport.TOPIC, "TBW102", 4, 0,
                        0, 1L, 0, "", 0, false, null, false, "broker-a"))
                .body(new byte[] {1}).build());
        assertThat(refused.code()).isEqualTo(ResponseCode.SERVICE_NOT_AVAILABLE);

        RemotingCommand pulled = call(sim, slave, RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .header(new PullMessageRequestHeader("G", HaSimSupport.TOPIC, 0, 0L, 32, PullSysFlag.SUBSCRIPTION, 0L,
                        0L, "*", 0L, "TAG", "broker-a", null)).build());
        assertThat(pulled.code()).as(pulled.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(pulled.body()).isNotEmpty();
        assertThat(c.slave().consumerOffsets().query("G", HaSimSupport.TOPIC, 0)).isEqualTo(5);
    }
}
