package io.gantry.simulation.nameserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.nameserver.NameServer;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.nameserver.kv.KvConfigTable;
import io.gantry.nameserver.route.BrokerLiveInfo;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.protocol.header.GetRouteInfoRequestHeader;
import io.gantry.protocol.header.PutKVConfigRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The real {@link NameServer} on a simulated node, a fake broker registering every 30 s and a
 * client asking for routes, in virtual time: registration, expiry of a partitioned broker after
 * 120 s of silence, removal on a connection reset, re-registration after the partition heals, and
 * the KV configuration surviving a power loss.
 */
class NameServerSimulationTest {

    private static final String NAMESRV_ADDR = "namesrv:9876";
    private static final String BROKER_ADDR = "broker:10911";
    private static final long EXPIRY_MS = NameServerConfig.DEFAULT_BROKER_CHANNEL_EXPIRED_TIME_MS;
    private static final long SCAN_MS = NameServerConfig.DEFAULT_SCAN_NOT_ACTIVE_BROKER_INTERVAL_MS;

    private SimWorld world;
    private SimNode nameServerNode;
    private SimNode brokerNode;
    private SimNode clientNode;
    private NameServer nameServer;
    private FakeBroker broker;
    private RpcClient client;

    private void start(SimConfig config) {
        world = new SimWorld(config);
        nameServerNode = world.addNode("namesrv");
        brokerNode = world.addNode("broker");
        clientNode = world.addNode("client");
        nameServer = onLoop(nameServerNode, () -> {
            NameServer server = new NameServer(nameServerNode.context(), NameServerConfig.defaults().withListen("namesrv", 9876));
            try {
                assertThat(server.start()).isEqualTo(NAMESRV_ADDR);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return server;
        });
        broker = onLoop(brokerNode, () -> {
            FakeBroker b = new FakeBroker(brokerNode.context(), NAMESRV_ADDR, BROKER_ADDR, "T");
            b.start();
            return b;
        });
        client = onLoop(clientNode, () -> new RpcClient(clientNode.context(), RpcConfig.defaults()));
    }

    private <T> T onLoop(SimNode node, Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        node.context().scheduler().execute(() -> result.complete(action.get()));
        assertThat(world.runUntil(result::isDone, 1_000)).as("loop task on " + node.id()).isTrue();
        return result.join();
    }

    /** The client's GET_ROUTEINFO_BY_TOPIC answer, over the simulated network. */
    private RemotingCommand routeOf(String topic) {
        CompletableFuture<RemotingCommand> response = onLoop(clientNode, () -> client.invoke(NAMESRV_ADDR,
                RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).header(new GetRouteInfoRequestHeader(topic, null)).build(),
                3_000));
        assertThat(world.runUntil(response::isDone, 5_000)).isTrue();
        return response.join();
    }

    private boolean brokerIsLive() {
        return nameServer.routeTable().liveBrokerCount() > 0;
    }

    private long nameServerNowMs() {
        return nameServerNode.context().clock().monotonicMs();
    }

    @Test
    void partitionedBrokerExpiresAfter120SecondsAndReturnsAfterHeal() {
        // Long enough that the partition never resets the connection: only silence can remove the broker.
        start(SimConfig.defaults(11).withResetAfterMs(3_600_000));
        assertThat(world.runUntil(() -> broker.successes() == 1, 1_000)).isTrue();
        RemotingCommand route = routeOf("T");
        assertThat(route.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(RemotingJson.decode(route.body(), TopicRouteData.class).brokerDatas().get(0).masterAddr()).isEqualTo(BROKER_ADDR);

        world.runFor(40_000); // a second registration lands at 30 s
        assertThat(broker.successes()).isEqualTo(2);
        long partition = world.network().partition(Set.of("broker"), Set.of("namesrv"));
        long lastHeardMs = nameServer.routeTable().liveInfo("DefaultCluster", BROKER_ADDR)
                .map(BrokerLiveInfo::lastUpdateMs).orElseThrow();

        assertThat(world.runUntil(() -> !brokerIsLive(), EXPIRY_MS + 60_000)).isTrue();
        long silenceMs = nameServerNowMs() - lastHeardMs;
        assertThat(silenceMs).isGreaterThan(EXPIRY_MS).isLessThanOrEqualTo(EXPIRY_MS + SCAN_MS + 100);
        assertThat(routeOf("T").code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(broker.failures()).isPositive();

        world.network().heal(partition);
        assertThat(world.runUntil(this::brokerIsLive, FakeBroker.REGISTER_PERIOD_MS + FakeBroker.REGISTER_TIMEOUT_MS + 5_000)).isTrue();
        assertThat(routeOf("T").code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(world.taskFailures()).isEmpty();
    }

    @Test
    void brokerLeavesAtOnceWhenThePartitionResetsItsConnection() {
        start(SimConfig.defaults(12).withResetAfterMs(10_000));
        assertThat(world.runUntil(() -> broker.successes() == 1, 1_000)).isTrue();
        world.runFor(1_000);
        long partition = world.network().partition(Set.of("broker"), Set.of("namesrv"));
        long partitionedAtMs = nameServerNowMs();

        assertThat(world.runUntil(() -> !brokerIsLive(), EXPIRY_MS)).isTrue();
        // Well before the 120 s expiry: the reset closed the channel the broker registered over.
        assertThat(nameServerNowMs() - partitionedAtMs).isLessThan(EXPIRY_MS / 2);

        world.network().heal(partition);
        assertThat(world.runUntil(this::brokerIsLive, FakeBroker.REGISTER_PERIOD_MS + FakeBroker.REGISTER_TIMEOUT_MS + 5_000)).isTrue();
    }

    @Test
    void kvConfigSurvivesAPowerLossOnceSaved() {
        start(SimConfig.defaults(14));
        RemotingCommand put = RemotingCommand.request(RequestCode.PUT_KV_CONFIG)
                .header(new PutKVConfigRequestHeader(KvConfigTable.ORDER_TOPIC_CONFIG, "T", "broker-a:4")).build();
        CompletableFuture<RemotingCommand> response = onLoop(clientNode, () -> client.invoke(NAMESRV_ADDR, put, 3_000));
        assertThat(world.runUntil(response::isDone, 5_000)).isTrue();
        assertThat(response.join().code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(world.runUntil(() -> nameServer.kvPersister().completedWrites() > 0 && !nameServer.kvPersister().isBusy(),
                5_000)).isTrue();

        nameServerNode.powerLoss();
        NodeContext rebooted = nameServerNode.restart();
        nameServer = onLoop(nameServerNode, () -> {
            NameServer server = new NameServer(rebooted, NameServerConfig.defaults().withListen("namesrv", 9876));
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return server;
        });

        assertThat(nameServer.kvConfig().get(KvConfigTable.ORDER_TOPIC_CONFIG, "T")).contains("broker-a:4");
        // Routes are not saved: the broker brings them back with its next registration.
        assertThat(world.runUntil(this::brokerIsLive, FakeBroker.REGISTER_PERIOD_MS + FakeBroker.REGISTER_TIMEOUT_MS + 5_000)).isTrue();
    }

    @Test
    void sameSeedSameTrace() {
        long[] hashes = new long[2];
        for (int run = 0; run < 2; run++) {
            start(SimConfig.defaults(13).withResetAfterMs(3_600_000));
            world.runFor(35_000);
            long partition = world.network().partition(Set.of("broker"), Set.of("namesrv"));
            world.runFor(EXPIRY_MS + 10_000);
            world.network().heal(partition);
            world.runFor(40_000);
            hashes[run] = world.traceHash();
        }
        assertThat(hashes[1]).isEqualTo(hashes[0]);
    }
}
