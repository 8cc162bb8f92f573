package io.gantry.e2e;

import static org.awaitility.Awaitility.await;

import io.gantry.broker.Broker;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.client.ClientConfig;
import io.gantry.client.admin.GantryAdmin;
import io.gantry.nameserver.NameServer;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.ProductionRuntime;
import io.gantry.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One Gantry nameserver and one master broker in this JVM, each on its own production runtime
 * (real sockets on loopback, ephemeral ports; files under a test directory), plus the client
 * settings that make the tests fast: one-second rebalance and route refresh, half-second offset
 * persistence. The broker can be stopped on its own, leaving the nameserver (and its route) up.
 */
final class GantryCluster implements AutoCloseable {

    static final String CLUSTER = "DefaultCluster";
    static final String BROKER_NAME = "broker-a";
    static final Duration START_WAIT = Duration.ofSeconds(30);

    private final ProductionRuntime nameServerRuntime;
    private final NameServer nameServer;
    private final String nameServerAddress;
    private final ProductionRuntime brokerRuntime;
    private final Broker broker;
    private final String brokerAddress;
    private boolean brokerStopped;

    private GantryCluster(ProductionRuntime nameServerRuntime, NameServer nameServer, String nameServerAddress,
            ProductionRuntime brokerRuntime, Broker broker, String brokerAddress) {
        this.nameServerRuntime = nameServerRuntime;
        this.nameServer = nameServer;
        this.nameServerAddress = nameServerAddress;
        this.brokerRuntime = brokerRuntime;
        this.broker = broker;
        this.brokerAddress = brokerAddress;
    }

    static GantryCluster start(Path dir) throws IOException {
        ProductionRuntime nsRuntime = ProductionRuntime.create("namesrv", dir.resolve("namesrv"));
        NodeContext nsContext = nsRuntime.context();
        NameServer nameServer = OnLoop.call(nsContext,
                () -> new NameServer(nsContext, NameServerConfig.defaults().withListen("127.0.0.1", 0)));
        String bound = OnLoop.call(nsContext, nameServer::start);
        String nsAddress = "127.0.0.1:" + bound.substring(bound.lastIndexOf(':') + 1);

        ProductionRuntime brokerRuntime = ProductionRuntime.create("broker", dir.resolve("broker"));
        NodeContext brokerContext = brokerRuntime.context();
        BrokerConfig config = BrokerConfig.builder().brokerName(BROKER_NAME).brokerClusterName(CLUSTER)
                .brokerIP1("127.0.0.1").listenPort(0).namesrvAddr(nsAddress).defaultTopicQueueNums(4)
                .flushConsumerOffsetInterval(500).build();
        StoreConfig store = StoreConfig.builder().mappedFileSizeCommitLog(64 * 1024 * 1024)
                .mappedFileSizeConsumeQueue(10_000 * StoreConfig.CQ_ENTRY_BYTES).maxHashSlotNum(10_000)
                .maxIndexNum(40_000).diskMaxUsedSpaceRatio(95).diskSpaceCleanForciblyRatio(95)
                .diskSpaceWarningLevelRatio(95).build();
        Broker broker = OnLoop.call(brokerContext, () -> new Broker(brokerContext, config, store));
        String brokerAddress = OnLoop.call(brokerContext, broker::start);
        GantryCluster cluster = new GantryCluster(nsRuntime, nameServer, nsAddress, brokerRuntime, broker, brokerAddress);
        cluster.awaitRegistered(dir);
        return cluster;
    }

    /** Waits until the nameserver knows the broker, so clients find routes at once. */
    private void awaitRegistered(Path dir) throws IOException {
        try (ProductionRuntime probe = ProductionRuntime.create("probe", dir.resolve("probe"));
                GantryAdmin admin = GantryAdmin.create(probe.context(), clientConfig())) {
            await().atMost(START_WAIT).ignoreExceptions()
                    .until(() -> admin.clusterInfo().brokerAddrTable().containsKey(BROKER_NAME));
        }
    }

    /** Client settings for this cluster, with short periods so the tests do not wait for default cycles. */
    ClientConfig clientConfig() {
        return ClientConfig.of(nameServerAddress).withRebalanceIntervalMs(500).withPersistOffsetIntervalMs(300)
                .withPollNameServerIntervalMs(1_000);
    }

    String nameServerAddress() {
        return nameServerAddress;
    }

    String brokerAddress() {
        return brokerAddress;
    }

    /** Stops the broker (it unregisters, flushes, closes its port); the nameserver stays up. */
    synchronized void stopBroker() {
        if (brokerStopped) {
            return;
        }
        brokerStopped = true;
        try {
            OnLoop.await(OnLoop.call(brokerRuntime.context(), broker::shutdown));
        } finally {
            brokerRuntime.close();
        }
    }

    @Override
    public void close() {
        try {
            stopBroker();
        } finally {
            try {
                OnLoop.call(nameServerRuntime.context(), () -> {
                    nameServer.shutdown();
                    return null;
                });
            } finally {
                nameServerRuntime.close();
            }
        }
    }
}
