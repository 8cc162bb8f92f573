package io.gantry.e2e;

import static org.awaitility.Awaitility.await;

import io.gantry.broker.Broker;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.client.ClientConfig;
import io.gantry.client.admin.GantryAdmin;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.nameserver.NameServer;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.ProductionRuntime;
import io.gantry.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Gantry nameserver and one or more master brokers in this JVM, each on its own production runtime
 * (real sockets on loopback, ephemeral ports; files under a test directory), plus the client
 * settings that make the tests fast: rebalance every 0.5 s, offsets persisted every 0.3 s, routes
 * refreshed every second. A broker can be stopped on its own, leaving the nameserver (and its route) up.
 */
final class GantryCluster implements AutoCloseable {

    static final String CLUSTER = "DefaultCluster";
    static final String BROKER_NAME = "broker-a";
    static final Duration START_WAIT = Duration.ofSeconds(30);

    private final ProductionRuntime nameServerRuntime;
    private final NameServer nameServer;
    private final String nameServerAddress;
    private final Map<String, RunningBroker> brokers = new LinkedHashMap<>();

    /** One broker on its own runtime. */
    private static final class RunningBroker {
        final ProductionRuntime runtime;
        final Broker broker;
        final String address;
        boolean stopped;

        RunningBroker(ProductionRuntime runtime, Broker broker, String address) {
            this.runtime = runtime;
            this.broker = broker;
            this.address = address;
        }
    }

    private GantryCluster(ProductionRuntime nameServerRuntime, NameServer nameServer, String nameServerAddress) {
        this.nameServerRuntime = nameServerRuntime;
        this.nameServer = nameServer;
        this.nameServerAddress = nameServerAddress;
    }

    /** A nameserver and broker {@code broker-a}. */
    static GantryCluster start(Path dir) throws IOException {
        return start(dir, 1);
    }

    /** A nameserver and {@code brokerCount} masters named broker-a, broker-b, ... */
    static GantryCluster start(Path dir, int brokerCount) throws IOException {
        ProductionRuntime nsRuntime = ProductionRuntime.create("namesrv", dir.resolve("namesrv"));
        NodeContext nsContext = nsRuntime.context();
        NameServer nameServer = OnLoop.call(nsContext,
                () -> new NameServer(nsContext, NameServerConfig.defaults().withListen("127.0.0.1", 0)));
        String bound = OnLoop.call(nsContext, nameServer::start);
        String nsAddress = "127.0.0.1:" + bound.substring(bound.lastIndexOf(':') + 1);
        GantryCluster cluster = new GantryCluster(nsRuntime, nameServer, nsAddress);
        try {
            for (int i = 0; i < brokerCount; i++) {
                cluster.startBroker(dir, "broker-" + (char) ('a' + i));
            }
            cluster.awaitRegistered(dir);
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startBroker(Path dir, String name) throws IOException {
        ProductionRuntime brokerRuntime = ProductionRuntime.create(name, dir.resolve(name));
        NodeContext brokerContext = brokerRuntime.context();
        BrokerConfig config = BrokerConfig.builder().brokerName(name).brokerClusterName(CLUSTER)
                .brokerIP1("127.0.0.1").listenPort(0).namesrvAddr(nameServerAddress).defaultTopicQueueNums(4)
                .flushConsumerOffsetInterval(500).build();
        StoreConfig store = StoreConfig.builder().mappedFileSizeCommitLog(64 * 1024 * 1024)
                .mappedFileSizeConsumeQueue(10_000 * StoreConfig.CQ_ENTRY_BYTES).maxHashSlotNum(10_000)
                .maxIndexNum(40_000).diskMaxUsedSpaceRatio(95).diskSpaceCleanForciblyRatio(95)
                .diskSpaceWarningLevelRatio(95).build();
        try {
            Broker broker = OnLoop.call(brokerContext, () -> new Broker(brokerContext, config, store));
            String address = OnLoop.call(brokerContext, broker::start);
            brokers.put(name, new RunningBroker(brokerRuntime, broker, address));
        } catch (RuntimeException e) {
            brokerRuntime.close();
            throw e;
        }
    }

    /** Waits until the nameserver knows every broker, so clients find routes at once. */
    private void awaitRegistered(Path dir) throws IOException {
        try (ProductionRuntime probe = ProductionRuntime.create("probe", dir.resolve("probe"));
                GantryAdmin admin = GantryAdmin.create(probe.context(), clientConfig())) {
            await().atMost(START_WAIT).ignoreExceptions()
                    .until(() -> admin.clusterInfo().brokerAddrTable().keySet().containsAll(brokers.keySet()));
        }
    }

    /**
     * Client settings for this cluster, with short periods so the tests do not wait for default
     * cycles, and a generous RPC timeout: the build machine may be heavily loaded.
     */
    ClientConfig clientConfig() {
        return ClientConfig.of(nameServerAddress).withRebalanceIntervalMs(500).withPersistOffsetIntervalMs(300)
                .withPollNameServerIntervalMs(1_000).withRpcTimeoutMs(10_000);
    }

    /** A producer's settings for the tests: RocketMQ's defaults but a send timeout fit for a loaded machine. */
    static ProducerConfig producerConfig(String group) {
        return ProducerConfig.of(group).withSendTimeoutMs(15_000);
    }

    String nameServerAddress() {
        return nameServerAddress;
    }

    /** The address of {@code broker-a}. */
    String brokerAddress() {
        return brokers.get(BROKER_NAME).address;
    }

    /** Stops {@code broker-a}. */
    void stopBroker() {
        stopBroker(BROKER_NAME);
    }

    /** Stops a broker (it unregisters, flushes, closes its port); the nameserver and other brokers stay up. */
    synchronized void stopBroker(String name) {
        RunningBroker running = brokers.get(name);
        if (running.stopped) {
            return;
        }
        running.stopped = true;
        try {
            OnLoop.await(OnLoop.call(running.runtime.context(), running.broker::shutdown));
        } finally {
            running.runtime.close();
        }
    }

    @Override
    public void close() {
        try {
            brokers.keySet().forEach(this::stopBroker);
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
