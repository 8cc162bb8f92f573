package io.gantry.compat.rocketmq4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.broker.Broker;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.config.BrokerRole;
import io.gantry.nameserver.NameServer;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.NettyTransport;
import io.gantry.runtime.prod.ProductionRuntime;
import io.gantry.store.FlushDiskType;
import io.gantry.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SYNC_MASTER and its SLAVE as two Gantry brokers on loopback (production runtime, real sockets,
 * temporary directories) behind a Gantry nameserver, with the official 4.9.8 producer and push
 * consumer: sends answer SEND_OK once the slave has the message, and after the master stops the
 * consumer keeps consuming from the slave, which found its master through the nameserver.
 */
class OfficialClientMasterSlaveTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TOPIC = "HaTopic";

    private NettyTransport transport;
    private ProductionRuntime nsRuntime;
    private ProductionRuntime masterRuntime;
    private ProductionRuntime slaveRuntime;
    private NameServer nameServer;
    private Broker master;
    private Broker slave;
    private DefaultMQProducer producer;
    private DefaultMQPushConsumer consumer;

    @AfterEach
    void stop() throws Exception {
        if (consumer != null) {
            consumer.shutdown();
        }
        if (producer != null) {
            producer.shutdown();
        }
        for (Object[] b : new Object[][] {{master, masterRuntime}, {slave, slaveRuntime}}) {
            Broker broker = (Broker) b[0];
            ProductionRuntime runtime = (ProductionRuntime) b[1];
            if (broker != null && runtime != null) {
                onLoop(runtime.context(), broker::shutdown).get(30, TimeUnit.SECONDS);
            }
        }
        if (nameServer != null) {
            onLoop(nsRuntime.context(), () -> {
                nameServer.shutdown();
                return null;
            });
        }
        for (ProductionRuntime r : new ProductionRuntime[] {slaveRuntime, masterRuntime, nsRuntime}) {
            if (r != null) {
                r.close();
            }
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void consumptionContinuesFromTheSlaveAfterTheMasterStops(@TempDir Path dir) throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        transport = new NettyTransport(2);
        nsRuntime = ProductionRuntime.create("namesrv", dir.resolve("namesrv"), transport);
        masterRuntime = ProductionRuntime.create("master", dir.resolve("master"), transport);
        slaveRuntime = ProductionRuntime.create("slave", dir.resolve("slave"), transport);
        NodeContext ns = nsRuntime.context();
        String bound = onLoop(ns, () -> {
            nameServer = new NameServer(ns, NameServerConfig.defaults().withListen("127.0.0.1", 0));
            return nameServer.start();
        });
        String nameServerAddress = "127.0.0.1:" + bound.substring(bound.lastIndexOf(':') + 1);
        StoreConfig store = StoreConfig.builder().flushDiskType(FlushDiskType.ASYNC_FLUSH)
                .mappedFileSizeCommitLog(16 * 1024 * 1024).mappedFileSizeConsumeQueue(20 * 10_000)
                .maxHashSlotNum(10_000).maxIndexNum(40_000).build();
        BrokerConfig masterConfig = BrokerConfig.builder().brokerIP1("127.0.0.1").listenPort(0)
                .namesrvAddr(nameServerAddress).brokerRole(BrokerRole.SYNC_MASTER).brokerId(0).slaveReadEnable(true)
                .build();
        BrokerConfig slaveConfig = BrokerConfig.builder().brokerIP1("127.0.0.1").listenPort(0)
                .namesrvAddr(nameServerAddress).brokerRole(BrokerRole.SLAVE).brokerId(1).slaveReadEnable(true)
                .build();
        NodeContext mc = masterRuntime.context();
        onLoop(mc, () -> {
            master = new Broker(mc, masterConfig, store);
            return master.start();
        });
        await().atMost(WAIT).until(() -> onLoop(mc, master::successfulRegistrations) > 0);
        NodeContext sc = slaveRuntime.context();
        onLoop(sc, () -> {
            slave = new Broker(sc, slaveConfig, store);
            return slave.start();
        });
        await().atMost(WAIT).until(() -> onLoop(mc, () -> master.haServer().inSyncSlaves()) > 0);

        producer = new DefaultMQProducer("HaPG");
        producer.setNamesrvAddr(nameServerAddress);
        producer.setInstanceName("ha-producer");
        producer.start();
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String body = "before-" + i;
            SendResult r = producer.send(new Message(TOPIC, "T", body.getBytes(StandardCharsets.UTF_8)));
            assertThat(r.getSendStatus()).as("SYNC_MASTER with its slave connected").isEqualTo(SendStatus.SEND_OK);
            sent.add(body);
        }

        Set<String> received = ConcurrentHashMap.newKeySet();
        consumer = startConsumer(nameServerAddress, received);
        await().atMost(WAIT).until(() -> received.containsAll(sent));
        consumer.shutdown();
        consumer = null;

        Set<String> after = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String body = "after-" + i;
            SendResult r = producer.send(new Message(TOPIC, "T", body.getBytes(StandardCharsets.UTF_8)));
            assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            after.add(body);
        }
        // The slave needs the topic to serve pulls: its metadata copy brings it within a period.
        await().atMost(WAIT).until(() -> onLoop(sc, () -> slave.topics().get(TOPIC) != null));
        onLoop(mc, master::shutdown).get(30, TimeUnit.SECONDS);
        master = null;

        // Only the slave is left: a consumer of the same group reads the new messages from it.
        Set<String> fromSlave = ConcurrentHashMap.newKeySet();
        consumer = startConsumer(nameServerAddress, fromSlave);
        await().atMost(WAIT).until(() -> fromSlave.containsAll(after));
        assertThat(fromSlave).containsAll(after);
    }

    private static DefaultMQPushConsumer startConsumer(String nameServerAddress, Set<String> received) throws Exception {
        DefaultMQPushConsumer c = new DefaultMQPushConsumer("HaCG");
        c.setNamesrvAddr(nameServerAddress);
        c.setInstanceName("ha-consumer-" + received.hashCode());
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.setPollNameServerInterval(1_000);
        c.subscribe(TOPIC, "*");
        c.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt m : messages) {
                received.add(new String(m.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        c.start();
        return c;
    }

    private static <T> T onLoop(NodeContext context, Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.scheduler().execute(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
