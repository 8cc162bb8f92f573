package io.gantry.client.consumer;

import io.gantry.client.ClientInstance;
import io.gantry.client.ConsumerMember;
import io.gantry.client.Names;
import io.gantry.client.RequestFailedException;
import io.gantry.client.ValidationException;
import io.gantry.client.consumer.rebalance.Rebalancer;
import io.gantry.client.rpc.ClientRpc;
import io.gantry.protocol.body.ConsumeType;
import io.gantry.protocol.body.ConsumerData;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.header.PullSysFlag;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lite pull consumer on the loop. Either {@link #subscribe} (the group rebalances queues
 * among its members) or {@link #assign} (fixed queues, no rebalance); then {@link #poll} hands
 * out buffered messages and {@link #commitSync} stores, per queue, the offset after the last
 * polled message (auto-commit does the same every persist interval, oneway).
 *
 * <p>Each assigned queue has one pull in flight at a time (long polling), and stops pulling while
 * {@code pullThresholdForQueue} messages wait in its buffer. Offsets are stored on the broker for
 * clustering; for broadcasting each member keeps them on its own disk (read at start, written at
 * every commit and at shutdown), so a restarted member resumes where it committed. {@link #seek} moves a queue: an
 * epoch number makes the answers of pulls sent before the seek be ignored.
 */
public final class LitePullCore implements ConsumerMember {

    private static final Logger LOG = LoggerFactory.getLogger(LitePullCore.class);
    /** Limit on messages one poll returns. */
    public static final int MAX_POLL_MESSAGES = 1_024;
    /** Limit on queues one consumer holds. */
    public static final int MAX_QUEUES = 65_536;

    private final ClientInstance client;
    private final ConsumerConfig config;
    private final Scheduler scheduler;
    private final PullApi pullApi;
    private final OffsetApi offsetApi;
    private final Rebalancer rebalancer;
    private final LocalOffsetStore localOffsets;
    private final Map<String, SubscriptionData> subscriptions = new LinkedHashMap<>();
    private final Map<MessageQueue, QueueState> queues = new TreeMap<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private final List<Cancellable> timers = new ArrayList<>();
    private boolean assignMode;
    private boolean running;
    private boolean rebalancing;

    public LitePullCore(ClientInstance client, ConsumerConfig config) {
        this.client = client;
        this.config = config;
        this.scheduler = client.context().scheduler();
        this.pullApi = new PullApi(client.rpc(), client.routes()::suggestBroker);
        this.offsetApi = new OffsetApi(client.rpc(), client.config().rpcTimeoutMs());
        this.rebalancer = new Rebalancer(client, config.group(), config.allocateStrategy(),
                config.messageModel() == MessageModel.BROADCASTING);
        this.localOffsets = config.messageModel() == MessageModel.BROADCASTING
                ? new LocalOffsetStore(client.context().disk(), scheduler, config.group()) : null;
    }

    /** Subscribes {@code topic} with a tag expression ({@code *}, {@code A || B}); rebalanced among the group. */
    public void subscribe(String topic, String tagExpression) {
        Names.checkTopic(topic);
        if (assignMode) {
            throw new IllegalStateException("consumer already uses assign(); subscribe and assign do not mix");
        }
        subscriptions.put(topic, SubscriptionData.ofTags(topic, tagExpression, 0));
        if (running) {
            scheduler.schedule(0, this::rebalance);
        }
    }

    /** Takes exactly {@code assigned}, without rebalancing. */
    public void assign(Collection<MessageQueue> assigned) {
        if (!subscriptions.isEmpty() && !assignMode) {
            throw new IllegalStateException("consumer already uses subscribe(); subscribe and assign do not mix");
        }
        if (assigned.isEmpty()) {
            throw new ValidationException("assign needs at least one queue");
        }
        assignMode = true;
        for (MessageQueue queue : assigned) {
            Names.checkTopic(queue.topic());
        }
        if (running) {
            updateQueues(new TreeSet<>(assigned));
        } else {
            pendingAssignment = new TreeSet<>(assigned);
        }
    }

    private Set<MessageQueue> pendingAssignment = Set.of();

    /** Moves {@code queue}'s position: the next poll returns messages from {@code offset} on. */
    public void seek(MessageQueue queue, long offset) {
        QueueState state = queues.get(queue);
        if (state == null) {
            throw new IllegalStateException("queue not assigned: " + queue);
        }
        if (offset < 0) {
            throw new ValidationException("offset must be >= 0: " + offset);
        }
        state.epoch++;
        state.buffer.clear();
        state.nextPullOffset = offset;
        state.consumedOffset = offset;
        state.dirty = true;
        // A pull of the old epoch may be parked on the broker for its whole hold: do not wait for it.
        state.pulling = false;
        pull(queue, state);
    }

    public CompletableFuture<Void> start() {
        if (running) {
            return CompletableFuture.completedFuture(null);
        }
        if (subscriptions.isEmpty() && !assignMode) {
            throw new ValidationException("consumer " + config.group() + " started without a subscription or assignment");
        }
        client.acquire();
        client.registerConsumer(config.group(), this);
        running = true;
        long persistMs = client.config().persistOffsetIntervalMs();
        if (config.autoCommit()) {
            timers.add(scheduler.schedulePeriodic(persistMs, persistMs, () -> commit(false)));
        }
        List<CompletableFuture<?>> routes = new ArrayList<>();
        Set<String> topics = new TreeSet<>(subscriptions.keySet());
        pendingAssignment.forEach(q -> topics.add(q.topic()));
        for (String topic : topics) {
            routes.add(client.routes().refresh(topic).handle((route, failure) -> null));
        }
        if (localOffsets != null) {
            routes.add(localOffsets.load());
        }
        return CompletableFuture.allOf(routes.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> client.heartbeatAll())
                .thenRun(() -> {
                    if (assignMode) {
                        updateQueues(pendingAssignment);
                    } else {
                        timers.add(scheduler.schedulePeriodic(0, client.config().rebalanceIntervalMs(), this::rebalance));
                    }
                });
    }

    /** Up to {@code maxMessages} buffered messages, waiting up to {@code timeoutMs} for the first. */
    public CompletableFuture<List<ReceivedMessage>> poll(long timeoutMs, int maxMessages) {
        if (!running) {
            throw new IllegalStateException("consumer " + config.group() + " is not started");
        }
        if (maxMessages < 1 || maxMessages > MAX_POLL_MESSAGES) {
            throw new IllegalArgumentException("maxMessages out of [1, " + MAX_POLL_MESSAGES + "]: " + maxMessages);
        }
        List<ReceivedMessage> ready = take(maxMessages);
        if (!ready.isEmpty() || timeoutMs <= 0) {
            return CompletableFuture.completedFuture(ready);
        }
        Waiter waiter = new Waiter(new CompletableFuture<>(), maxMessages);
        waiters.add(waiter);
        waiter.timer = scheduler.schedule(timeoutMs, () -> {
            waiters.remove(waiter);
            waiter.result.complete(List.of());
        });
        return waiter.result;
    }

    /** Stores the polled position of every queue and waits for the brokers' answers. */
    public CompletableFuture<Void> commitSync() {
        return commit(true);
    }

    /** The queues currently held. */
    public Set<MessageQueue> assignment() {
        return new TreeSet<>(queues.keySet());
    }

    /** The position (next offset to poll) of {@code queue}, or -1 if unknown. */
    public long position(MessageQueue queue) {
        QueueState state = queues.get(queue);
        return state == null ? -1 : state.consumedOffset;
    }

    public CompletableFuture<Void> shutdown() {
        if (!running) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> committed = config.autoCommit() ? commit(true)
                : localOffsets != null ? localOffsets.persist() : CompletableFuture.completedFuture(null);
        return committed.handle((ignored, failure) -> null).thenCompose(ignored -> {
            running = false;
            timers.forEach(Cancellable::cancel);
            timers.clear();
            queues.values().forEach(state -> state.dropped = true);
            queues.clear();
            waiters.forEach(w -> {
                w.timer.cancel();
                w.result.complete(List.of());
            });
            waiters.clear();
            client.unregisterConsumer(config.group());
            return client.unregisterClient(null, config.group());
        }).whenComplete((ignored, failure) -> client.release());
    }

    @Override
    public ConsumerData consumerData() {
        return new ConsumerData(config.group(), ConsumeType.CONSUME_ACTIVELY, config.messageModel(),
                config.consumeFromWhere(), new LinkedHashSet<>(subscriptions.values()), false);
    }

    @Override
    public void onConsumerIdsChanged() {
        if (running && !assignMode) {
            scheduler.schedule(0, this::rebalance);
        }
    }

    private void rebalance() {
        if (!running || assignMode || rebalancing) {
            return;
        }
        rebalancing = true;
        rebalancer.assignment(subscriptions.keySet(), queues.keySet()).whenComplete((wanted, failure) -> {
            rebalancing = false;
            if (running) {
                updateQueues(wanted);
            }
        });
    }

    private void updateQueues(Set<MessageQueue> wanted) {
        for (MessageQueue queue : new ArrayList<>(queues.keySet())) {
            if (!wanted.contains(queue)) {
                QueueState state = queues.remove(queue);
                state.dropped = true;
                commitOne(queue, state, false);
            }
        }
        for (MessageQueue queue : wanted) {
            if (!queues.containsKey(queue)) {
                if (queues.size() >= MAX_QUEUES) {
                    throw new IllegalStateException("more than " + MAX_QUEUES + " queues");
                }
                QueueState state = new QueueState();
                queues.put(queue, state);
                initialise(queue, state);
            }
        }
    }

    private void initialise(MessageQueue queue, QueueState state) {
        String address = client.routes().offsetAddress(queue.brokerName());
        if (address == null) {
            retryLater(queue, state, () -> initialise(queue, state));
            return;
        }
        int epoch = state.epoch;
        CompletableFuture<Long> stored = localOffsets == null
                ? offsetApi.queryConsumerOffset(address, config.group(), queue)
                : CompletableFuture.completedFuture(localOffsets.read(queue));
        stored.thenCompose(offset -> StartOffsets.resolve(offsetApi, address, queue, offset, config))
                .whenComplete((offset, failure) -> {
                    if (state.dropped || state.epoch != epoch) {
                        return;
                    }
                    if (failure != null) {
                        LOG.debug("{}: no start offset for {}: {}", config.group(), queue, failure.toString());
                        retryLater(queue, state, () -> initialise(queue, state));
                        return;
                    }
                    state.nextPullOffset = offset;
                    state.consumedOffset = offset;
                    pull(queue, state);
                });
    }

    private void pull(MessageQueue queue, QueueState state) {
        if (!running || state.dropped || state.pulling || state.nextPullOffset < 0) {
            return;
        }
        if (state.buffer.size() >= config.pullThresholdForQueue()) {
            state.paused = true;
            return;
        }
        String address = client.routes().pullAddress(queue);
        if (address == null) {
            retryLater(queue, state, () -> pull(queue, state));
            return;
        }
        SubscriptionData subscription = subscriptionFor(queue.topic());
        int sysFlag = PullSysFlag.SUSPEND | PullSysFlag.SUBSCRIPTION | PullSysFlag.LITE_PULL_MESSAGE;
        int epoch = state.epoch;
        state.pulling = true;
        pullApi.pull(address, config.group(), queue, state.nextPullOffset, config.pullBatchSize(), sysFlag, 0,
                subscription, config.suspendTimeoutMs(), config.pullTimeoutMs()).whenComplete((result, failure) -> {
                    if (state.epoch != epoch) {
                        return; // answered after a seek; the seek started a pull of its own
                    }
                    state.pulling = false;
                    if (state.dropped || !running) {
                        return;
                    }
                    if (failure != null) {
                        LOG.debug("{}: pull of {} failed: {}", config.group(), queue, ClientRpc.unwrap(failure).toString());
                        retryLater(queue, state, () -> pull(queue, state));
                        return;
                    }
                    state.nextPullOffset = result.nextBeginOffset();
                    if (result.status() == PullStatus.OFFSET_ILLEGAL && state.buffer.isEmpty()) {
                        state.consumedOffset = result.nextBeginOffset();
                        state.dirty = true;
                    }
                    state.buffer.addAll(result.messages());
                    serveWaiters();
                    pull(queue, state);
                });
    }

    private SubscriptionData subscriptionFor(String topic) {
        SubscriptionData subscription = subscriptions.get(topic);
        return subscription != null ? subscription : SubscriptionData.ofTags(topic, SubscriptionData.SUB_ALL, 0);
    }

    private void retryLater(MessageQueue queue, QueueState state, Runnable action) {
        scheduler.schedule(config.pullRetryDelayMs(), () -> {
            if (running && !state.dropped) {
                action.run();
            }
        });
    }

    private void serveWaiters() {
        while (!waiters.isEmpty()) {
            Waiter waiter = waiters.peek();
            List<ReceivedMessage> ready = take(waiter.maxMessages);
            if (ready.isEmpty()) {
                return;
            }
            waiters.poll();
            waiter.timer.cancel();
            waiter.result.complete(ready);
        }
    }

    /** Takes buffered messages, queue by queue, and moves each queue's position past them. */
    private List<ReceivedMessage> take(int maxMessages) {
        List<ReceivedMessage> taken = new ArrayList<>();
        for (Map.Entry<MessageQueue, QueueState> entry : queues.entrySet()) {
            QueueState state = entry.getValue();
            while (taken.size() < maxMessages && !state.buffer.isEmpty()) {
                ReceivedMessage message = state.buffer.poll();
                taken.add(message);
                state.consumedOffset = message.queueOffset() + 1;
                state.dirty = true;
            }
            if (state.paused && state.buffer.size() < config.pullThresholdForQueue()) {
                state.paused = false;
                pull(entry.getKey(), state);
            }
            if (taken.size() >= maxMessages) {
                break;
            }
        }
        return taken;
    }

    private CompletableFuture<Void> commit(boolean sync) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Map.Entry<MessageQueue, QueueState> entry : queues.entrySet()) {
            all.add(commitOne(entry.getKey(), entry.getValue(), sync));
        }
        CompletableFuture<Void> each = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        return localOffsets == null ? each : each.thenCompose(ignored -> localOffsets.persist());
    }

    private CompletableFuture<Void> commitOne(MessageQueue queue, QueueState state, boolean sync) {
        if (state.consumedOffset < 0 || !state.dirty) {
            return CompletableFuture.completedFuture(null);
        }
        if (localOffsets != null) {
            localOffsets.update(queue, state.consumedOffset);
            state.dirty = false;
            return CompletableFuture.completedFuture(null);
        }
        String address = client.routes().offsetAddress(queue.brokerName());
        if (address == null) {
            return CompletableFuture.failedFuture(RequestFailedException.local("no address for " + queue.brokerName(), null));
        }
        state.dirty = false;
        long offset = state.consumedOffset;
        CompletableFuture<Void> sent = sync
                ? offsetApi.updateConsumerOffset(address, config.group(), queue, offset)
                : offsetApi.updateConsumerOffsetOneway(address, config.group(), queue, offset);
        return sent.whenComplete((ignored, failure) -> {
            if (failure != null && state.consumedOffset == offset) {
                state.dirty = true;
            }
        });
    }

    /** One held queue: where to pull next, what was polled, what waits in the buffer. */
    private static final class QueueState {
        final Deque<ReceivedMessage> buffer = new ArrayDeque<>();
        long nextPullOffset = -1;
        long consumedOffset = -1;
        int epoch;
        boolean pulling;
        boolean paused;
        boolean dropped;
        boolean dirty;
    }

    private static final class Waiter {
        final CompletableFuture<List<ReceivedMessage>> result;
        final int maxMessages;
        Cancellable timer;

        Waiter(CompletableFuture<List<ReceivedMessage>> result, int maxMessages) {
            this.result = result;
            this.maxMessages = maxMessages;
        }
    }
}
