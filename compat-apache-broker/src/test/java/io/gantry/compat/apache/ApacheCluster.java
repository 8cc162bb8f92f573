package io.gantry.compat.apache;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * Apache RocketMQ 4.9.7's nameserver and one master broker, in this JVM, on loopback, with their
 * files under a test directory: small mapped files, a small index, auto-created topics, and
 * one-second delay levels so that retries come back quickly.
 */
final class ApacheCluster implements AutoCloseable {

    static final String BROKER_NAME = "broker-a";
    static final String CLUSTER = "DefaultCluster";

    private final NamesrvController nameServer;
    private final BrokerController broker;
    private final String nameServerAddress;
    private final String brokerAddress;

    private ApacheCluster(NamesrvController nameServer, BrokerController broker, String nameServerAddress,
            String brokerAddress) {
        this.nameServer = nameServer;
        this.broker = broker;
        this.nameServerAddress = nameServerAddress;
        this.brokerAddress = brokerAddress;
    }

    static ApacheCluster start(Path dir) throws Exception {
        // BrokerStartup / NamesrvStartup set this before anything else; without it the broker's
        // requests carry version 0 and the nameserver reads its registration the pre-3.0.11 way,
        // losing every topic.
        System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
        Files.createDirectories(dir);
        NamesrvConfig namesrvConfig = new NamesrvConfig();
        namesrvConfig.setKvConfigPath(dir.resolve("namesrv/kvConfig.json").toString());
        namesrvConfig.setConfigStorePath(dir.resolve("namesrv/namesrv.properties").toString());
        NettyServerConfig namesrvNetty = new NettyServerConfig();
        namesrvNetty.setListenPort(freePort(false));
        NamesrvController nameServer = new NamesrvController(namesrvConfig, namesrvNetty);
        if (!nameServer.initialize()) {
            throw new IllegalStateException("nameserver did not initialise");
        }
        nameServer.start();
        String nameServerAddress = "127.0.0.1:" + namesrvNetty.getListenPort();

        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.setBrokerName(BROKER_NAME);
        brokerConfig.setBrokerClusterName(CLUSTER);
        brokerConfig.setBrokerId(0);
        brokerConfig.setBrokerIP1("127.0.0.1");
        brokerConfig.setNamesrvAddr(nameServerAddress);
        brokerConfig.setAutoCreateTopicEnable(true);
        brokerConfig.setAutoCreateSubscriptionGroup(true);
        NettyServerConfig brokerNetty = new NettyServerConfig();
        // The broker also listens on port - 2 (VIP channel) and port + 1 (HA): find a port with both free.
        int port = freePort(true);
        brokerNetty.setListenPort(port);
        MessageStoreConfig store = new MessageStoreConfig();
        Path storeDir = dir.resolve("store");
        store.setStorePathRootDir(storeDir.toString());
        store.setStorePathCommitLog(storeDir.resolve("commitlog").toString());
        store.setMappedFileSizeCommitLog(16 * 1024 * 1024);
        store.setMappedFileSizeConsumeQueue(20 * 10_000);
        store.setMaxHashSlotNum(10_000);
        store.setMaxIndexNum(40_000);
        store.setHaListenPort(port + 1);
        store.setMessageDelayLevel("1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s");
        store.setDiskMaxUsedSpaceRatio(95);
        BrokerController broker = new BrokerController(brokerConfig, brokerNetty, new NettyClientConfig(), store);
        if (!broker.initialize()) {
            nameServer.shutdown();
            throw new IllegalStateException("broker did not initialise");
        }
        broker.start();
        // Registration with the nameserver runs on the broker's own threads: wait until the
        // auto-create key topic is routable, which is what producers need first.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> nameServer.getRouteInfoManager().pickupTopicRouteData("TBW102") != null);
        return new ApacheCluster(nameServer, broker, nameServerAddress, "127.0.0.1:" + port);
    }

    String nameServerAddress() {
        return nameServerAddress;
    }

    String brokerAddress() {
        return brokerAddress;
    }

    BrokerController broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.shutdown();
        nameServer.shutdown();
    }

    /** A free loopback port; with {@code withNeighbours}, also port - 2 and port + 1. */
    private static int freePort(boolean withNeighbours) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = bindAndRelease(0);
            if (!withNeighbours) {
                return port;
            }
            if (port > 1026 && port < 65_000 && isFree(port - 2) && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found");
    }

    private static boolean isFree(int port) {
        try {
            bindAndRelease(port);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static int bindAndRelease(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
