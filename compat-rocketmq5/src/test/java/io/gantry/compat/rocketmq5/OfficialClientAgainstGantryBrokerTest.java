package io.gantry.compat.rocketmq5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.broker.Broker;
import io.gantry.broker.config.BrokerConfig;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof with the official 5.3.1 client: Gantry's nameserver and broker on the production
 * runtime, on loopback with ephemeral ports, and the official producer, lite pull consumer and push
 * consumer doing their ordinary work against them. Every message must arrive exactly as sent: body,
 * keys, tags and user properties. One nameserver, broker and producer serve the whole class; each
 * test uses its own topic and group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialClientAgainstGantryBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private NettyTransport transport;
    private ProductionRuntime nameServerRuntime;
    private ProductionRuntime brokerRuntime;
    private NameServer nameServer;
    private Broker broker;
    private String nameServerAddress;
    private DefaultMQProducer producer;

    /** One message as the test sent it and as a consumer must see it. */
    private record Expected(String body, String tags, String keys, String color) {

        static Expected of(MessageExt message) {
            return new Expected(new String(message.getBody(), StandardCharsets.UTF_8), message.getTags(),
                    message.getKeys(), message.getUserProperty("color"));
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        // Broadcasting consumers keep offsets in local files; keep them out of the home directory.
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        transport = new NettyTransport(2);
        nameServerRuntime = ProductionRuntime.create("namesrv", dir.resolve("namesrv"), transport);
        brokerRuntime = ProductionRuntime.create("broker", dir.resolve("broker"), transport);
        NodeContext ns = nameServerRuntime.context();
        String bound = onLoop(ns, () -> {
            nameServer = new NameServer(ns, NameServerConfig.defaults().withListen("127.0.0.1", 0));
            return nameServer.start();
        });
        nameServerAddress = "127.0.0.1:" + bound.substring(bound.lastIndexOf(':') + 1);
        BrokerConfig brokerConfig = BrokerConfig.builder().brokerIP1("127.0.0.1").listenPort(0)
                .namesrvAddr(nameServerAddress).transactionCheckInterval(1_000).transactionTimeOut(500).build();
        StoreConfig storeConfig = StoreConfig.builder().flushDiskType(FlushDiskType.ASYNC_FLUSH)
                .mappedFileSizeCommitLog(16 * 1024 * 1024).mappedFileSizeConsumeQueue(20 * 10_000)
                .maxHashSlotNum(10_000).maxIndexNum(40_000).build();
        NodeContext bc = brokerRuntime.context();
        onLoop(bc, () -> {
            broker = new Broker(bc, brokerConfig, storeConfig);
            return broker.start();
        });
        await().atMost(WAIT).until(() -> onLoop(bc, broker::successfulRegistrations) > 0);

        producer = new DefaultMQProducer("PG");
        producer.setNamesrvAddr(nameServerAddress);
        producer.setInstanceName("producer");
        producer.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (producer != null) {
            producer.shutdown();
        }
        if (broker != null) {
            CompletableFuture<Void> done = onLoop(brokerRuntime.context(), broker::shutdown);
            done.get(30, TimeUnit.SECONDS);
        }
        if (nameServer != null) {
            onLoop(nameServerRuntime.context(), () -> {
                nameServer.shutdown();
                return null;
            });
        }
        if (brokerRuntime != null) {
            brokerRuntime.close();
        }
        if (nameServerRuntime != null) {
            nameServerRuntime.close();
        }
        if (transport != null) {
            transport.close();
        }
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

    private static Message message(String topic, int i) {
        Message message = new Message(topic, i % 2 == 0 ? "TagA" : "TagB", "key-" + i,
                ("body-" + i).getBytes(StandardCharsets.UTF_8));
        message.putUserProperty("color", "c" + i);
        return message;
    }

    private static Expected expected(Message message) {
        return new Expected(new String(message.getBody(), StandardCharsets.UTF_8), message.getTags(),
                message.getKeys(), message.getUserProperty("color"));
    }

    @Test
    void syncAsyncAndOnewaySendsAreAllPolledByTheLitePullConsumer() throws Exception {
        String topic = "LiteTopic";
        List<Expected> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Message message = message(topic, i);
            SendResult result = producer.send(message);
            assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            assertThat(result.getOffsetMsgId()).isNotBlank();
            assertThat(result.getMsgId()).isEqualTo(message.getProperty("UNIQ_KEY"));
            sent.add(expected(message));
        }
        List<SendResult> asyncResults = new CopyOnWriteArrayList<>();
        for (int i = 10; i < 20; i++) {
            Message message = message(topic, i);
            producer.send(message, new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    asyncResults.add(sendResult);
                }

                @Override
                public void onException(Throwable e) {
                    // counted as missing below
                }
            });
            sent.add(expected(message));
        }
        await().atMost(WAIT).until(() -> asyncResults.size() == 10);
        assertThat(asyncResults).allSatisfy(r -> assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK));
        for (int i = 20; i < 30; i++) {
            Message message = message(topic, i);
            producer.sendOneway(message);
            sent.add(expected(message));
        }

        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("LiteGroup");
        consumer.setNamesrvAddr(nameServerAddress);
        consumer.setInstanceName("lite");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.start();
        try {
            List<Expected> received = Collections.synchronizedList(new ArrayList<>());
            await().atMost(WAIT).until(() -> {
                consumer.poll(500).forEach(m -> received.add(Expected.of(m)));
                return received.size() >= sent.size();
            });
            assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void concurrentPushConsumerReceivesEverythingAsSent() throws Exception {
        String topic = "PushTopic";
        List<Expected> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Message message = message(topic, i);
            assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            sent.add(expected(message));
        }
        List<Expected> received = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("PushGroup");
        consumer.setNamesrvAddr(nameServerAddress);
        consumer.setInstanceName("push");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(Expected.of(m)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> received.size() >= sent.size());
            assertThat(received).containsExactlyInAnyOrderElementsOf(sent);

            // A message sent while the consumer is caught up wakes its held pull.
            Message late = message(topic, 99);
            producer.send(late);
            await().atMost(WAIT).until(() -> received.contains(expected(late)));
        } finally {
            consumer.shutdown();
        }
        // The consumer committed its progress to the broker: 21 messages over the topic's queues.
        long committed = onLoop(brokerRuntime.context(), () -> {
            long sum = 0;
            for (int q = 0; q < broker.topics().get(topic).readQueueNums(); q++) {
                sum += Math.max(0, broker.consumerOffsets().query("PushGroup", topic, q));
            }
            return sum;
        });
        assertThat(committed).isEqualTo(21);
    }

    @Test
    void reconsumeLaterRedeliversThroughTheRetryTopicAndDelayedMessagesWaitTheirLevel() throws Exception {
        String topic = "RetryTopic";
        Message first = message(topic, 0);
        assertThat(producer.send(first).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        List<MessageExt> deliveries = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("RetryGroup");
        consumer.setNamesrvAddr(nameServerAddress);
        consumer.setInstanceName("retry");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            deliveries.addAll(messages);
            if (messages.get(0).getReconsumeTimes() == 0 && messages.get(0).getDelayTimeLevel() == 0) {
                context.setDelayLevelWhenNextConsume(1);
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> deliveries.size() >= 2);
            MessageExt redelivered = deliveries.get(1);
            assertThat(redelivered.getReconsumeTimes()).isEqualTo(1);
            assertThat(redelivered.getTopic()).as("the client restores the topic from RETRY_TOPIC").isEqualTo(topic);
            assertThat(Expected.of(redelivered)).isEqualTo(expected(first));
            assertThat(redelivered.getMsgId()).isEqualTo(deliveries.get(0).getMsgId());

            Message delayed = message(topic, 7);
            delayed.setDelayTimeLevel(2);
            long sentNanos = System.nanoTime();
            assertThat(producer.send(delayed).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            await().atMost(WAIT).until(() -> deliveries.stream().anyMatch(m -> Expected.of(m).equals(expected(delayed))));
            long waitedMs = (System.nanoTime() - sentNanos) / 1_000_000;
            assertThat(waitedMs).as("delay level 2 is 5 s").isGreaterThanOrEqualTo(5_000);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void selectorAndBatchSendsThenTagExpressionWithAssignAndSeekThenQueryByKeyAndId() throws Exception {
        String topic = "BatchTopic";
        // Creating the topic first gives it 4 queues at once (rather than through TBW102 on first send).
        producer.send(message(topic, 100));
        List<Message> toQueueTwo = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            toQueueTwo.add(message(topic, i));
        }
        SendResult batch = producer.send(toQueueTwo, new org.apache.rocketmq.common.message.MessageQueue(topic,
                "broker-a", 2));
        assertThat(batch.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(batch.getMessageQueue().getQueueId()).isEqualTo(2);
        Message selected = message(topic, 6);
        SendResult viaSelector = producer.send(selected, (queues, msg, arg) -> queues.get((Integer) arg), 2);
        assertThat(viaSelector.getMessageQueue().getQueueId()).isEqualTo(2);
        assertThat(viaSelector.getQueueOffset()).isEqualTo(batch.getQueueOffset() + 6);

        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("AssignGroup");
        consumer.setNamesrvAddr(nameServerAddress);
        consumer.setInstanceName("assign");
        consumer.start();
        try {
            org.apache.rocketmq.common.message.MessageQueue queue =
                    new org.apache.rocketmq.common.message.MessageQueue(topic, "broker-a", 2);
            consumer.assign(List.of(queue));
            consumer.seek(queue, batch.getQueueOffset() + 1);
            List<Expected> expected = new ArrayList<>();
            for (int i = 1; i < 6; i++) {
                expected.add(expected(toQueueTwo.get(i)));
            }
            expected.add(expected(selected));
            // The 5.3.1 client starts a pull task at assign(), before seek(); under load that task's pull from
            // the group's start offset (0) can land after the seek and be delivered too. The seek is proven when
            // the queue's messages from the seek offset arrive after everything else, with nothing in between:
            // either exactly those, or the whole stale read from offset 0 followed by exactly those.
            List<Expected> staleThenSought = new ArrayList<>();
            toQueueTwo.forEach(m -> staleThenSought.add(expected(m)));
            staleThenSought.add(expected(selected));
            staleThenSought.addAll(expected);
            List<Expected> received = Collections.synchronizedList(new ArrayList<>());
            await().atMost(WAIT).until(() -> {
                consumer.poll(500).forEach(m -> received.add(Expected.of(m)));
                return received.equals(expected) || received.equals(staleThenSought)
                        || received.size() > staleThenSought.size();
            });
            assertThat(List.of(expected, staleThenSought)).as("received %s", received).contains(List.copyOf(received));
        } finally {
            consumer.shutdown();
        }

        MessageExt byId = producer.viewMessage(topic, viaSelector.getOffsetMsgId());
        assertThat(Expected.of(byId)).isEqualTo(expected(selected));
        // 5.x also accepts the client-side unique id: not a decodable offset id, so it queries the index.
        await().atMost(WAIT).until(() -> {
            MessageExt byUniqueId = producer.viewMessage(topic, viaSelector.getMsgId());
            return byUniqueId != null && Expected.of(byUniqueId).equals(expected(selected));
        });
        await().atMost(WAIT).until(() -> !producer.queryMessage(topic, "key-6", 32, 0, Long.MAX_VALUE / 2)
                .getMessageList().isEmpty());
        assertThat(producer.queryMessage(topic, "key-6", 32, 0, Long.MAX_VALUE / 2).getMessageList())
                .extracting(Expected::of).contains(expected(selected));
    }

    @Test
    void tagExpressionDeliversOnlyMatchingTags() throws Exception {
        String topic = "TagTopic";
        List<Expected> wanted = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Message message = message(topic, i);
            message.setTags(i % 3 == 0 ? "TagA" : i % 3 == 1 ? "TagB" : "TagC");
            producer.send(message);
            if (i % 3 != 2) {
                wanted.add(expected(message));
            }
        }
        List<Expected> received = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("TagGroup");
        consumer.setNamesrvAddr(nameServerAddress);
        consumer.setInstanceName("tags");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "TagA || TagB");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(Expected.of(m)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> received.size() >= wanted.size());
            assertThat(received).containsExactlyInAnyOrderElementsOf(wanted);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void orderlyPushConsumerReceivesEachQueueInOrder() throws Exception {
        String topic = "OrderlyTopic";
        producer.send(message(topic, 100));
        List<Expected> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Message message = message(topic, i);
            producer.send(message, (queues, msg, arg) -> queues.get((Integer) arg % queues.size()), i % 2);
            sent.add(expected(message));
        }
        List<MessageExt> received = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("OrderlyGroup");
        consumer.setNamesrvAddr(nameServerAddress);
        consumer.setInstanceName("orderly");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly)
                (messages, context) -> {
                    received.addAll(messages);
                    return org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus.SUCCESS;
                });
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> received.stream().filter(m -> !m.getKeys().equals("key-100")).count() >= 12);
            List<MessageExt> ours = received.stream().filter(m -> !m.getKeys().equals("key-100")).toList();
            assertThat(ours).extracting(Expected::of).containsExactlyInAnyOrderElementsOf(sent);
            for (int queue = 0; queue < 2; queue++) {
                int q = queue;
                assertThat(ours.stream().filter(m -> m.getQueueId() == q).map(MessageExt::getQueueOffset).toList())
                        .as("queue %d in offset order", q).isSorted();
            }
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void everyBroadcastingConsumerReceivesEveryMessage() throws Exception {
        String topic = "BroadcastTopic";
        List<Expected> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Message message = message(topic, i);
            assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            sent.add(expected(message));
        }
        List<List<Expected>> receivedByConsumer = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        List<DefaultMQPushConsumer> consumers = new ArrayList<>();
        try {
            for (int c = 0; c < 2; c++) {
                List<Expected> received = receivedByConsumer.get(c);
                DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("BroadcastGroup");
                consumer.setNamesrvAddr(nameServerAddress);
                consumer.setInstanceName("broadcast-" + c);
                consumer.setMessageModel(org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel.BROADCASTING);
                consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
                consumer.subscribe(topic, "*");
                consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                    messages.forEach(m -> received.add(Expected.of(m)));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
                consumer.start();
                consumers.add(consumer);
            }
            await().atMost(WAIT).until(() -> receivedByConsumer.stream().allMatch(r -> r.size() >= sent.size()));
            for (List<Expected> received : receivedByConsumer) {
                assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
            }
        } finally {
            consumers.forEach(DefaultMQPushConsumer::shutdown);
        }
    }

    @Test
    void officialAdminCallsReadStatsConnectionsGroupsAndConfig() throws Exception {
        String topic = "AdminTopic";
        for (int i = 0; i < 4; i++) {
            producer.send(message(topic, i));
        }
        List<MessageExt> received = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("AdminGroup");
        consumer.setNamesrvAddr(nameServerAddress);
        consumer.setInstanceName("admin");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            received.addAll(messages);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> received.size() >= 4);
            org.apache.rocketmq.client.impl.MQClientAPIImpl api =
                    producer.getDefaultMQProducerImpl().getmQClientFactory().getMQClientAPIImpl();
            String brokerAddr = broker.address();

            org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable stats = api.getTopicStatsInfo(brokerAddr, topic, 5_000);
            assertThat(stats.getOffsetTable().values().stream().mapToLong(o -> o.getMaxOffset()).sum()).isEqualTo(4);

            org.apache.rocketmq.remoting.protocol.body.ConsumerConnection connections =
                    api.getConsumerConnectionList(brokerAddr, "AdminGroup", 5_000);
            assertThat(connections.getConnectionSet()).hasSize(1);
            assertThat(connections.getSubscriptionTable()).containsKey(topic);

            await().atMost(WAIT).until(() -> api.getConsumeStats(brokerAddr, "AdminGroup", 5_000).getOffsetTable()
                    .entrySet().stream().filter(e -> e.getKey().getTopic().equals(topic))
                    .mapToLong(e -> e.getValue().getConsumerOffset()).sum() == 4);

            org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig group =
                    new org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig();
            group.setGroupName("CreatedGroup");
            group.setRetryMaxTimes(3);
            api.createSubscriptionGroup(brokerAddr, group, 5_000);
            assertThat(api.getAllSubscriptionGroup(brokerAddr, 5_000).getSubscriptionGroupTable().get("CreatedGroup")
                    .getRetryMaxTimes()).isEqualTo(3);

            assertThat(api.queryTopicConsumeByWho(brokerAddr, topic, 5_000).getGroupList()).contains("AdminGroup");
            assertThat(api.getBrokerConfig(brokerAddr, 5_000).getProperty("brokerName")).isEqualTo("broker-a");
            assertThat(api.getBrokerRuntimeInfo(brokerAddr, 5_000).getTable()).containsKey("msgPutTotalTodayNow");
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void resetOffsetByTimeMakesTheLiveConsumerReadAgainAndAdminConfigCallsWork() throws Exception {
        String topic = "ResetTopic";
        List<Expected> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Message message = message(topic, i);
            assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            sent.add(expected(message));
        }
        List<Expected> received = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("ResetGroup");
        consumer.setNamesrvAddr(nameServerAddress);
        consumer.setInstanceName("reset");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(Expected.of(m)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> received.size() >= sent.size());
            org.apache.rocketmq.client.impl.MQClientAPIImpl api =
                    producer.getDefaultMQProducerImpl().getmQClientFactory().getMQClientAPIImpl();
            String brokerAddr = broker.address();

            // mqadmin resetOffsetByTime: back to the start; the broker tells the live consumer, which reads again.
            java.util.Map<org.apache.rocketmq.common.message.MessageQueue, Long> reset =
                    api.invokeBrokerToResetOffset(brokerAddr, topic, "ResetGroup", 0, true, 5_000);
            assertThat(reset).isNotEmpty();
            assertThat(reset.values()).containsOnly(0L);
            // The client waits 10 s before applying a reset, then rebalances: allow for both.
            await().atMost(WAIT.multipliedBy(2)).until(() -> sent.stream()
                    .allMatch(e -> received.stream().filter(e::equals).count() >= 2));

            // mqadmin getConsumerStatus: the broker asks the live consumer for its offsets and relays them.
            java.util.Map<String, java.util.Map<org.apache.rocketmq.common.message.MessageQueue, Long>> status =
                    api.invokeBrokerToGetConsumerStatus(brokerAddr, topic, "ResetGroup", null, 10_000);
            assertThat(status).hasSize(1);
            assertThat(status.keySet().iterator().next()).endsWith("@reset");
            assertThat(status.values().iterator().next()).isNotEmpty()
                    .allSatisfy((queue, offset) -> assertThat(queue.getTopic()).isEqualTo(topic));

            assertThat(api.getProducerConnectionList(brokerAddr, "PG", 5_000).getConnectionSet())
                    .anySatisfy(c -> assertThat(c.getClientId()).endsWith("@producer"));

            java.util.Properties change = new java.util.Properties();
            change.setProperty("channelExpiredTimeoutMs", "150000");
            api.updateBrokerConfig(brokerAddr, change, 5_000);
            assertThat(api.getBrokerConfig(brokerAddr, 5_000).getProperty("channelExpiredTimeoutMs")).isEqualTo("150000");
            java.util.Properties fixed = new java.util.Properties();
            fixed.setProperty("brokerName", "broker-z");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.updateBrokerConfig(brokerAddr, fixed, 5_000))
                    .isInstanceOfSatisfying(org.apache.rocketmq.client.exception.MQBrokerException.class, e -> assertThat(e.getResponseCode()).isEqualTo(16));
            change.setProperty("channelExpiredTimeoutMs", "120000");
            api.updateBrokerConfig(brokerAddr, change, 5_000);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void transactionalMessagesAreDeliveredOnlyWhenCommitted() throws Exception {
        String topic = "TxTopic";
        org.apache.rocketmq.client.producer.TransactionMQProducer txProducer =
                new org.apache.rocketmq.client.producer.TransactionMQProducer("TPG");
        txProducer.setNamesrvAddr(nameServerAddress);
        txProducer.setInstanceName("tx");
        txProducer.setTransactionListener(new org.apache.rocketmq.client.producer.TransactionListener() {
            @Override
            public org.apache.rocketmq.client.producer.LocalTransactionState executeLocalTransaction(Message msg,
                                                                                                   Object arg) {
                return (Integer) arg % 2 == 0 ? org.apache.rocketmq.client.producer.LocalTransactionState.COMMIT_MESSAGE
                        : org.apache.rocketmq.client.producer.LocalTransactionState.ROLLBACK_MESSAGE;
            }

            @Override
            public org.apache.rocketmq.client.producer.LocalTransactionState checkLocalTransaction(MessageExt msg) {
                return org.apache.rocketmq.client.producer.LocalTransactionState.ROLLBACK_MESSAGE;
            }
        });
        txProducer.start();
        long opsBefore = onLoop(brokerRuntime.context(),
                () -> broker.store().getMaxOffsetInQueue("RMQ_SYS_TRANS_OP_HALF_TOPIC", 0));
        List<Expected> committed = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Message message = message(topic, i);
                org.apache.rocketmq.client.producer.TransactionSendResult result =
                        txProducer.sendMessageInTransaction(message, i);
                assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                if (i % 2 == 0) {
                    committed.add(expected(message));
                }
            }
        } finally {
            txProducer.shutdown();
        }
        // END_TRANSACTION is oneway: wait until the broker has acted on all six.
        await().atMost(WAIT).until(() -> onLoop(brokerRuntime.context(),
                () -> broker.store().getMaxOffsetInQueue("RMQ_SYS_TRANS_OP_HALF_TOPIC", 0)) == opsBefore + 6);

        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("TxGroup");
        consumer.setNamesrvAddr(nameServerAddress);
        consumer.setInstanceName("txread");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.start();
        try {
            List<Expected> received = Collections.synchronizedList(new ArrayList<>());
            await().atMost(WAIT).until(() -> {
                consumer.poll(500).forEach(m -> received.add(Expected.of(m)));
                return received.size() >= committed.size();
            });
            assertThat(received).containsExactlyInAnyOrderElementsOf(committed);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void undecidedTransactionIsResolvedByTheCheckBack() throws Exception {
        String topic = "TxCheckTopic";
        org.apache.rocketmq.client.producer.TransactionMQProducer txProducer =
                new org.apache.rocketmq.client.producer.TransactionMQProducer("TPG2");
        txProducer.setNamesrvAddr(nameServerAddress);
        txProducer.setInstanceName("txcheck");
        List<String> checked = new CopyOnWriteArrayList<>();
        txProducer.setTransactionListener(new org.apache.rocketmq.client.producer.TransactionListener() {
            @Override
            public org.apache.rocketmq.client.producer.LocalTransactionState executeLocalTransaction(Message msg,
                                                                                                   Object arg) {
                return org.apache.rocketmq.client.producer.LocalTransactionState.UNKNOW;
            }

            @Override
            public org.apache.rocketmq.client.producer.LocalTransactionState checkLocalTransaction(MessageExt msg) {
                checked.add(msg.getKeys());
                return org.apache.rocketmq.client.producer.LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        txProducer.start();
        Message message = message(topic, 1);
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("TxCheckGroup");
        try {
            assertThat(txProducer.sendMessageInTransaction(message, null).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            await().atMost(WAIT).until(() -> !checked.isEmpty());
            assertThat(checked).contains("key-1");

            consumer.setNamesrvAddr(nameServerAddress);
            consumer.setInstanceName("txcheckread");
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.subscribe(topic, "*");
            consumer.start();
            List<Expected> received = Collections.synchronizedList(new ArrayList<>());
            await().atMost(WAIT).until(() -> {
                consumer.poll(500).forEach(m -> received.add(Expected.of(m)));
                return !received.isEmpty();
            });
            assertThat(received).containsExactly(expected(message));
        } finally {
            consumer.shutdown();
            txProducer.shutdown();
        }
    }
}
