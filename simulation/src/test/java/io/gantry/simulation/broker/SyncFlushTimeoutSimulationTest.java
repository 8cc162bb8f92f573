package io.gantry.simulation.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.header.GetMaxOffsetRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.header.SendMessageRequestHeaderV2;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimConfig;
import io.gantry.store.FlushDiskType;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** SYNC_FLUSH on a disk slower than syncFlushTimeout: FLUSH_DISK_TIMEOUT (10) with a full header, message kept. */
class SyncFlushTimeoutSimulationTest {

    @Test
    void slowForceAnswersFlushDiskTimeoutAndStillStores() {
        // Every force takes 300 ms; the broker waits at most 50 ms.
        BrokerSim sim = new BrokerSim(SimConfig.defaults(41).withDiskLatencyMicros(10, 300_000), FlushDiskType.SYNC_FLUSH,
                50);
        NodeContext node = sim.world.addNode("raw").context();
        RpcClient rpc = sim.await(node, () -> CompletableFuture.completedFuture(new RpcClient(node, RpcConfig.defaults())),
                100);
        SendMessageRequestHeader header = new SendMessageRequestHeader("PG", "Orders", "TBW102", 4, 0, 0, 1L, 0,
                MessageProperties.encode(Map.of(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "true")), 0, false, null, false,
                "broker-a");
        RemotingCommand response = sim.await(node, () -> rpc.invoke(sim.broker.address(), RemotingCommand
                .request(RequestCode.SEND_MESSAGE_V2).header(SendMessageRequestHeaderV2.fromV1(header))
                .body(new byte[] {1, 2, 3}).build(), 10_000), 20_000);

        assertThat(response.code()).isEqualTo(ResponseCode.FLUSH_DISK_TIMEOUT);
        assertThat(response.extField("msgId")).hasSize(32);
        assertThat(response.extField("queueOffset")).isEqualTo("0");
        assertThat(response.extField("queueId")).isEqualTo("0");

        sim.world.runFor(2_000);
        RemotingCommand max = sim.await(node, () -> rpc.invoke(sim.broker.address(), RemotingCommand
                .request(RequestCode.GET_MAX_OFFSET).header(new GetMaxOffsetRequestHeader("Orders", 0, null, null))
                .build(), 10_000), 20_000);
        assertThat(max.extField("offset")).as("stored despite the timeout").isEqualTo("1");
    }
}
