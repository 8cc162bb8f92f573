package io.gantry.client.consumer;

import io.gantry.client.ClientInstance;
import io.gantry.client.ConsumerMember;
import io.gantry.client.Names;
import io.gantry.client.RequestFailedException;
import io.gantry.client.ValidationException;
import io.gantry.client.consumer.rebalance.Rebalancer;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.client.producer.ProducerCore;
import io.gantry.client.rpc.ClientRpc;
import io.gantry.protocol.body.ConsumeType;
import io.gantry.protocol.body.ConsumerData;
import io.gantry.protocol.body.LockBatchRequestBody;
import io.gantry.protocol.body.LockBatchResponseBody;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.body.UnlockBatchRequestBody;
import io.gantry.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.gantry.protocol.header.PullSysFlag;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push consumer on the loop: rebalances its subscriptions (every rebalance interval and on
 * NOTIFY_CONSUMER_IDS_CHANGED), pulls each held queue with long polling, hands messages to the
 * listener and stores offsets (remote for clustering, every persist interval and at shutdown;
 * on the node's disk for broadcasting).
 *
 * <p>Listener threading: the listener runs through {@code Scheduler.offload}, off the loop, at most
 * {@link #MAX_CONSUMING} batches at once; results come back to the loop. Concurrent: every
 * message is consumed independently; RECONSUME_LATER sends it back to the broker
 * (CONSUMER_SEND_MSG_BACK, delay {@code retryDelayLevel} or the broker's choice), and if that fails re-sends it to
 * {@code %RETRY%group} itself; broadcasting drops failed messages, as RocketMQ does. Orderly: one
 * batch per queue at a time, in offset order, only while the broker lock of the queue is held
 * (clustering); RECONSUME_LATER retries the same batch after {@link #ORDERLY_SUSPEND_MS}, and once a
 * message has been retried {@code maxReconsumeTimes} times it goes to the DLQ through the retry topic.
 *
 * <p>Flow control: a queue stops pulling while {@code pullThresholdForQueue} messages wait in it,
 * or (concurrent) while its unconsumed offsets span more than {@link #MAX_SPAN}.
 */
public final class PushConsumerCore implements ConsumerMember {

    private static final Logger LOG = LoggerFactory.getLogger(PushConsumerCore.class);
    /** Limit on listener batches running at once. */
    public static final int MAX_CONSUMING = 16;
    /** Concurrent consumption pauses pulling while a queue's unconsumed offsets span more than this. */
    public static final long MAX_SPAN = 2_000;
    public static final long FLOW_CONTROL_DELAY_MS = 50;
    public static final long ORDERLY_SUSPEND_MS = 1_000;
    public static final long SEND_BACK_TIMEOUT_MS = 5_000;
    public static final long RETRY_CONSUME_DELAY_MS = 5_000;
    /** Internal producer group for fallback re-sends. */
    public static final String INNER_PRODUCER_GROUP = "CLIENT_INNER_PRODUCER";

    private final ClientInstance client;
    private final ConsumerConfig config;
    private final Scheduler scheduler;
    private final PullApi pullApi;
    private final OffsetApi offsetApi;
    private final Rebalancer rebalancer;
    private final Map<String, SubscriptionData> subscriptions = new LinkedHashMap<>();
    private final Map<MessageQueue, ProcessQueue> queues = new TreeMap<>();
    private final Deque<Runnable> waitingBatches = new ArrayDeque<>();
    private final List<Cancellable> timers = new ArrayList<>();
    private final LocalOffsetStore localOffsets;
    private ProducerCore innerProducer;
    private MessageListener listener;
    private int consumingNow;
    private boolean running;
    private boolean rebalancing;

    public PushConsumerCore(ClientInstance client, ConsumerConfig config) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = client.context().scheduler();
        this.pullApi = new PullApi(client.rpc(), client.routes()::suggestBroker);
        this.offsetApi = new OffsetApi(client.rpc(), client.config().rpcTimeoutMs());
        boolean broadcasting = config.messageModel() == MessageModel.BROADCASTING;
        this.rebalancer = new Rebalancer(client, config.group(), config.allocateStrategy(), broadcasting);
        this.localOffsets = broadcasting ? new LocalOffsetStore(client.context().disk(), scheduler, config.group()) : null;
    }

    /** Subscribes {@code topic} with a tag expression. Call before {@link #start()}. */
    public void subscribe(String topic, String tagExpression) {
        Names.checkTopic(topic);
        if (running) {
            throw new IllegalStateException("subscribe before start");
        }
        subscriptions.put(topic, SubscriptionData.ofTags(topic, tagExpression, client.context().clock().wallClockMs()));
    }

    public void registerListener(MessageListener value) {
        if (running) {
            throw new IllegalStateException("register the listener before start");
        }
        this.listener = Objects.requireNonNull(value, "listener");
    }

    public CompletableFuture<Void> start() {
        if (running) {
            return CompletableFuture.completedFuture(null);
        }
        if (subscriptions.isEmpty()) {
            throw new ValidationException("consumer " + config.group() + " started without a subscription");
        }
        if (listener == null) {
            throw new ValidationException("consumer " + config.group() + " started without a listener");
        }
        if (config.messageModel() == MessageModel.CLUSTERING) {
            String retryTopic = Names.retryTopic(config.group());
            subscriptions.putIfAbsent(retryTopic, SubscriptionData.ofTags(retryTopic, SubscriptionData.SUB_ALL,
                    client.context().clock().wallClockMs()));
        }
        client.acquire();
        client.registerConsumer(config.group(), this);
        running = true;
        innerProducer = new ProducerCore(client, ProducerConfig.of(INNER_PRODUCER_GROUP));
        List<CompletableFuture<?>> steps = new ArrayList<>();
        steps.add(innerProducer.start());
        for (String topic : subscriptions.keySet()) {
            steps.add(client.routes().refresh(topic).handle((route, failure) -> null));
        }
        if (localOffsets != null) {
            steps.add(localOffsets.load());
        }
        long persistMs = client.config().persistOffsetIntervalMs();
        timers.add(scheduler.schedulePeriodic(persistMs, persistMs, this::persistOffsets));
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> client.heartbeatAll())
                .thenRun(() -> timers.add(scheduler.schedulePeriodic(0, client.config().rebalanceIntervalMs(),
                        this::rebalance)));
    }

    public CompletableFuture<Void> shutdown() {
        if (!running) {
            return CompletableFuture.completedFuture(null);
        }
        running = false;
        timers.forEach(Cancellable::cancel);
        timers.clear();
        CompletableFuture<Void> persisted = persistOffsets();
        CompletableFuture<Void> unlocked = isOrderlyClustering() ? unlockAll() : CompletableFuture.completedFuture(null);
        queues.values().forEach(pq -> pq.dropped = true);
        return CompletableFuture.allOf(persisted.handle((v, f) -> null), unlocked.handle((v, f) -> null))
                .thenCompose(ignored -> {
                    queues.clear();
                    client.unregisterConsumer(config.group());
                    return client.unregisterClient(null, config.group());
                })
                .thenCompose(ignored -> innerProducer.shutdown())
                .whenComplete((ignored, failure) -> client.release());
    }

    /** The queues held now. */
    public Set<MessageQueue> assignment() {
        return new TreeSet<>(queues.keySet());
    }

    @Override
    public ConsumerData consumerData() {
        return new ConsumerData(config.group(), ConsumeType.CONSUME_PASSIVELY, config.messageModel(),
                config.consumeFromWhere(), new LinkedHashSet<>(subscriptions.values()), false);
    }

    @Override
    public void onConsumerIdsChanged() {
        if (running) {
            scheduler.schedule(0, this::rebalance);
        }
    }

    // ---- rebalance ----

    private void rebalance() {
        if (!running || rebalancing) {
            return;
        }
        rebalancing = true;
        rebalancer.assignment(subscriptions.keySet(), queues.keySet()).whenComplete((wanted, failure) -> {
            rebalancing = false;
            if (running) {
                apply(wanted);
            }
        });
    }

    private void apply(Set<MessageQueue> wanted) {
        List<MessageQueue> removed = new ArrayList<>();
        for (MessageQueue queue : new ArrayList<>(queues.keySet())) {
            if (!wanted.contains(queue)) {
                ProcessQueue pq = queues.remove(queue);
                pq.dropped = true;
                persistOne(pq, false);
                removed.add(queue);
            }
        }
        if (isOrderlyClustering() && !removed.isEmpty()) {
            lockRequest(RequestCode.UNLOCK_BATCH_MQ, removed, true);
        }
        List<ProcessQueue> added = new ArrayList<>();
        for (MessageQueue queue : wanted) {
            if (!queues.containsKey(queue)) {
                ProcessQueue pq = new ProcessQueue(queue);
                queues.put(queue, pq);
                added.add(pq);
            }
        }
        if (isOrderlyClustering()) {
            // Re-lock everything held (refreshes the broker's 60 s lease); new queues start once locked.
            relockAll().whenComplete((ignored, failure) -> added.forEach(this::initialise));
        } else {
            added.forEach(this::initialise);
        }
    }

    private boolean isOrderlyClustering() {
        return listener instanceof MessageListener.Orderly && config.messageModel() == MessageModel.CLUSTERING;
    }

    private CompletableFuture<Void> relockAll() {
        Map<String, List<MessageQueue>> byBroker = new TreeMap<>();
        queues.keySet().forEach(q -> byBroker.computeIfAbsent(q.brokerName(), b -> new ArrayList<>()).add(q));
        List<CompletableFuture<?>> all = new ArrayList<>();
        byBroker.values().forEach(list -> all.add(lockRequest(RequestCode.LOCK_BATCH_MQ, list, false)));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> unlockAll() {
        Map<String, List<MessageQueue>> byBroker = new TreeMap<>();
        queues.keySet().forEach(q -> byBroker.computeIfAbsent(q.brokerName(), b -> new ArrayList<>()).add(q));
        List<CompletableFuture<?>> all = new ArrayList<>();
        byBroker.values().forEach(list -> all.add(lockRequest(RequestCode.UNLOCK_BATCH_MQ, list, false)));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** LOCK_BATCH_MQ or UNLOCK_BATCH_MQ for queues of one broker; a lock answer updates each queue's flag. */
    private CompletableFuture<Void> lockRequest(int code, List<MessageQueue> sameBroker, boolean oneway) {
        String address = client.routes().masterAddress(sameBroker.get(0).brokerName());
        if (address == null) {
            return CompletableFuture.completedFuture(null);
        }
        Set<MessageQueue> set = new LinkedHashSet<>(sameBroker);
        byte[] body = code == RequestCode.LOCK_BATCH_MQ
                ? RemotingJson.encode(new LockBatchRequestBody(config.group(), client.clientId(), null, set))
                : RemotingJson.encode(new UnlockBatchRequestBody(config.group(), client.clientId(), null, set));
        RemotingCommand.Builder request = RemotingCommand.request(code).body(body);
        if (oneway) {
            return client.rpc().invokeOneway(address, request.oneway().build()).handle((v, f) -> null);
        }
        return client.rpc().invoke(address, request.build(), client.config().rpcTimeoutMs()).handle((response, failure) -> {
            if (code != RequestCode.LOCK_BATCH_MQ) {
                return null;
            }
            Set<MessageQueue> locked = failure == null && response.code() == ResponseCode.SUCCESS && response.body() != null
                    ? RemotingJson.decode(response.body(), LockBatchResponseBody.class).lockOKMQSet()
                    : Set.of();
            for (MessageQueue queue : sameBroker) {
                ProcessQueue pq = queues.get(queue);
                if (pq != null) {
                    boolean was = pq.locked;
                    pq.locked = locked.contains(queue);
                    if (!was && pq.locked) {
                        dispatchOrderly(pq);
                    }
                }
            }
            return null;
        });
    }

    private void initialise(ProcessQueue pq) {
        if (pq.dropped || !running) {
            return;
        }
        if (isOrderlyClustering() && !pq.locked) {
            scheduler.schedule(config.pullRetryDelayMs(), () -> {
                if (!pq.dropped && running) {
                    lockRequest(RequestCode.LOCK_BATCH_MQ, List.of(pq.queue), false)
                            .whenComplete((v, f) -> initialise(pq));
                }
            });
            return;
        }
        String address = client.routes().offsetAddress(pq.queue.brokerName());
        if (address == null) {
            scheduler.schedule(config.pullRetryDelayMs(), () -> initialise(pq));
            return;
        }
        CompletableFuture<Long> stored = localOffsets != null
                ? CompletableFuture.completedFuture(localOffsets.read(pq.queue))
                : offsetApi.queryConsumerOffset(address, config.group(), pq.queue);
        stored.thenCompose(offset -> StartOffsets.resolve(offsetApi, address, pq.queue, offset, config))
                .whenComplete((offset, failure) -> {
                    if (pq.dropped || !running) {
                        return;
                    }
                    if (failure != null) {
                        scheduler.schedule(config.pullRetryDelayMs(), () -> initialise(pq));
                        return;
                    }
                    pq.nextPullOffset = offset;
                    pull(pq);
                });
    }

    // ---- pulling ----

    private void pull(ProcessQueue pq) {
        if (!running || pq.dropped || pq.pulling) {
            return;
        }
        boolean concurrent = listener instanceof MessageListener.Concurrent;
        if (pq.messages.size() >= config.pullThresholdForQueue() || (concurrent && pq.span() > MAX_SPAN)) {
            scheduler.schedule(FLOW_CONTROL_DELAY_MS, () -> pull(pq));
            return;
        }
        String address = client.routes().pullAddress(pq.queue);
        if (address == null) {
            scheduler.schedule(config.pullRetryDelayMs(), () -> pull(pq));
            return;
        }
        long commitOffset = localOffsets == null ? Math.max(0, pq.consumeOffset()) : 0;
        int sysFlag = PullSysFlag.SUSPEND | PullSysFlag.SUBSCRIPTION
                | (localOffsets == null && commitOffset > 0 ? PullSysFlag.COMMIT_OFFSET : 0);
        SubscriptionData subscription = subscriptions.get(pq.queue.topic());
        pq.pulling = true;
        pullApi.pull(address, config.group(), pq.queue, pq.nextPullOffset, config.pullBatchSize(), sysFlag,
                commitOffset, subscription, config.suspendTimeoutMs(), config.pullTimeoutMs())
                .whenComplete((result, failure) -> {
                    pq.pulling = false;
                    if (pq.dropped || !running) {
                        return;
                    }
                    if (failure != null) {
                        Throwable cause = ClientRpc.unwrap(failure);
                        boolean flowControl = cause instanceof RequestFailedException e
                                && e.responseCode() == ResponseCode.FLOW_CONTROL;
                        LOG.debug("{}: pull of {} failed: {}", config.group(), pq.queue, cause.toString());
                        scheduler.schedule(flowControl ? 20 : config.pullRetryDelayMs(), () -> pull(pq));
                        return;
                    }
                    pq.nextPullOffset = result.nextBeginOffset();
                    if (!result.messages().isEmpty()) {
                        pq.add(result.messages());
                        dispatch(pq, result.messages());
                    }
                    pull(pq);
                });
    }

    // ---- consuming ----

    private void dispatch(ProcessQueue pq, List<ReceivedMessage> pulled) {
        if (listener instanceof MessageListener.Concurrent) {
            for (ReceivedMessage message : pulled) {
                submit(() -> consumeConcurrently(pq, List.of(message)));
            }
        } else {
            dispatchOrderly(pq);
        }
    }

    private void submit(Runnable batch) {
        if (consumingNow < MAX_CONSUMING) {
            consumingNow++;
            batch.run();
        } else {
            waitingBatches.add(batch);
        }
    }

    private void batchDone() {
        consumingNow--;
        Runnable next = waitingBatches.poll();
        if (next != null) {
            consumingNow++;
            next.run();
        }
    }

    private CompletableFuture<ConsumeStatus> callListener(List<ReceivedMessage> messages) {
        MessageListener current = listener;
        return scheduler.offload(() -> current instanceof MessageListener.Concurrent c
                ? c.consume(messages)
                : ((MessageListener.Orderly) current).consume(messages)).handle((status, failure) -> {
            if (failure != null) {
                LOG.debug("{}: listener threw: {}", config.group(), failure.toString());
                return ConsumeStatus.RECONSUME_LATER;
            }
            return status == null ? ConsumeStatus.RECONSUME_LATER : status;
        });
    }

    private void consumeConcurrently(ProcessQueue pq, List<ReceivedMessage> messages) {
        if (pq.dropped) {
            batchDone();
            return;
        }
        callListener(messages).whenComplete((status, failure) -> {
            batchDone();
            if (pq.dropped) {
                return;
            }
            if (status == ConsumeStatus.CONSUME_SUCCESS || localOffsets != null) {
                pq.remove(messages);
                return;
            }
            for (ReceivedMessage message : messages) {
                sendBack(message).whenComplete((ignored, sendFailure) -> {
                    if (sendFailure == null) {
                        pq.remove(List.of(message));
                    } else {
                        LOG.debug("{}: could not send back {}: {}", config.group(), message, sendFailure.toString());
                        scheduler.schedule(RETRY_CONSUME_DELAY_MS, () -> submit(() -> consumeConcurrently(pq, List.of(message))));
                    }
                });
            }
        });
    }

    /** CONSUMER_SEND_MSG_BACK to the broker that delivered the message, else a re-send to %RETRY%group. */
    private CompletableFuture<Void> sendBack(ReceivedMessage message) {
        String address = client.routes().masterAddress(message.queue().brokerName());
        ConsumerSendMsgBackRequestHeader header = new ConsumerSendMsgBackRequestHeader(
                message.record().commitLogOffset(), config.group(), config.retryDelayLevel(), message.msgId(),
                message.topic(), false, config.effectiveMaxReconsumeTimes(), message.queue().brokerName());
        CompletableFuture<Void> viaBroker = address == null
                ? CompletableFuture.failedFuture(RequestFailedException.local("no broker address", null))
                : client.rpc().invoke(address, RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK).header(header)
                        .build(), SEND_BACK_TIMEOUT_MS).thenAccept(response -> {
                            if (response.code() != ResponseCode.SUCCESS) {
                                throw new RequestFailedException(response.code(), response.remark(), null);
                            }
                        });
        int level = config.retryDelayLevel() > 0 ? config.retryDelayLevel() : 3 + message.reconsumeTimes();
        return viaBroker.exceptionallyCompose(failure -> resendToRetryTopic(message, message.reconsumeTimes() + 1,
                config.effectiveMaxReconsumeTimes(), level));
    }

    /**
     * Sends a copy of {@code message} to {@code %RETRY%group} through the inner producer, carrying
     * its original topic, reconsume count and limit: the broker stores it in the retry topic, or in
     * {@code %DLQ%group} when the count has reached the limit.
     */
    private CompletableFuture<Void> resendToRetryTopic(ReceivedMessage message, int reconsumeTimes,
            int maxReconsumeTimes, int delayLevel) {
        Message.Builder retry = Message.builder(Names.retryTopic(config.group()), message.body())
                .flag(message.record().flag());
        message.properties().forEach(retry::property);
        retry.property(MessageConst.PROPERTY_RETRY_TOPIC, message.topic())
                .property(MessageConst.PROPERTY_RECONSUME_TIME, Integer.toString(reconsumeTimes))
                .property(MessageConst.PROPERTY_MAX_RECONSUME_TIMES, Integer.toString(maxReconsumeTimes))
                .delayLevel(Math.min(ConsumerConfig.MAX_DELAY_LEVEL, delayLevel));
        return innerProducer.send(retry.build()).thenApply(result -> null);
    }

    private void dispatchOrderly(ProcessQueue pq) {
        if (pq.dropped || pq.consuming || pq.messages.isEmpty() || (isOrderlyClustering() && !pq.locked)) {
            return;
        }
        pq.consuming = true;
        List<ReceivedMessage> batch = pq.head(1);
        submit(() -> callListener(batch).whenComplete((status, failure) -> {
            batchDone();
            pq.consuming = false;
            if (pq.dropped) {
                return;
            }
            if (status == ConsumeStatus.CONSUME_SUCCESS) {
                pq.remove(batch);
                dispatchOrderly(pq);
            } else {
                suspendOrderly(pq, batch);
            }
        }));
    }

    /**
     * An orderly batch asked to be retried: count it per message; a message already retried
     * {@code maxReconsumeTimes} times is sent to the retry topic with that count (so the broker
     * puts it in the DLQ) and counts as consumed. Anything else is offered again after
     * {@link #ORDERLY_SUSPEND_MS}, as is a message whose send-back failed.
     */
    private void suspendOrderly(ProcessQueue pq, List<ReceivedMessage> batch) {
        int max = config.effectiveOrderlyMaxReconsumeTimes();
        List<ReceivedMessage> exhausted = new ArrayList<>();
        for (ReceivedMessage message : batch) {
            int times = pq.orderlyReconsumes.getOrDefault(message.queueOffset(), message.reconsumeTimes());
            if (times >= max) {
                exhausted.add(message);
            } else {
                pq.orderlyReconsumes.put(message.queueOffset(), times + 1);
            }
        }
        if (exhausted.size() < batch.size()) {
            scheduler.schedule(ORDERLY_SUSPEND_MS, () -> dispatchOrderly(pq));
            return;
        }
        pq.consuming = true;
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (ReceivedMessage message : exhausted) {
            int times = pq.orderlyReconsumes.getOrDefault(message.queueOffset(), message.reconsumeTimes());
            sent.add(resendToRetryTopic(message, times, max, 3 + times));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            pq.consuming = false;
            if (pq.dropped) {
                return;
            }
            if (failure == null) {
                pq.remove(batch);
                dispatchOrderly(pq);
            } else {
                LOG.debug("{}: could not move {} past its retries: {}", config.group(), exhausted, failure.toString());
                scheduler.schedule(ORDERLY_SUSPEND_MS, () -> dispatchOrderly(pq));
            }
        });
    }

    // ---- offsets ----

    private CompletableFuture<Void> persistOffsets() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (ProcessQueue pq : queues.values()) {
            all.add(persistOne(pq, !running));
        }
        CompletableFuture<Void> remote = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        return localOffsets == null ? remote : remote.thenCompose(ignored -> localOffsets.persist());
    }

    private CompletableFuture<Void> persistOne(ProcessQueue pq, boolean sync) {
        long offset = pq.consumeOffset();
        if (offset < 0 || offset == pq.persistedOffset) {
            return CompletableFuture.completedFuture(null);
        }
        if (localOffsets != null) {
            localOffsets.update(pq.queue, offset);
            pq.persistedOffset = offset;
            return CompletableFuture.completedFuture(null);
        }
        String address = client.routes().offsetAddress(pq.queue.brokerName());
        if (address == null) {
            return CompletableFuture.completedFuture(null);
        }
        pq.persistedOffset = offset;
        CompletableFuture<Void> sent = sync
                ? offsetApi.updateConsumerOffset(address, config.group(), pq.queue, offset)
                : offsetApi.updateConsumerOffsetOneway(address, config.group(), pq.queue, offset);
        return sent.whenComplete((ignored, failure) -> {
            if (failure != null && pq.persistedOffset == offset) {
                pq.persistedOffset = -1;
            }
        });
    }
}
