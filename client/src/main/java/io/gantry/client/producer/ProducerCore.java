package io.gantry.client.producer;

import io.gantry.client.ClientException;
import io.gantry.client.ClientInstance;
import io.gantry.client.IndeterminateException;
import io.gantry.client.Names;
import io.gantry.client.RequestFailedException;
import io.gantry.client.ValidationException;
import io.gantry.client.route.TopicPublishInfo;
import io.gantry.client.rpc.ClientRpc;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.runtime.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The producer on the loop: picks queues, sends, retries and reports. Every method must be
 * called on the node's loop and returns a future completed on the loop.
 *
 * <p>Retry rule: a send is retried (on another broker when there is one, within the send
 * timeout, at most {@code retryTimesWhenSendFailed} times) only after a <em>definite</em>
 * failure with a retryable code (see {@link SendRequests#isRetryable}). A timeout or a lost
 * connection fails the send at once with an {@link IndeterminateException}: the message may be
 * stored, and retrying would risk a duplicate the caller was not told about. Sends to a chosen
 * queue (by queue or by selector) are never retried, so their order holds.
 */
public final class ProducerCore {

    private final ClientInstance client;
    private final ProducerConfig config;
    private final Clock clock;
    private final LatencyFaultTracker faults;
    private int roundRobin;
    private boolean started;

    public ProducerCore(ClientInstance client, ProducerConfig config) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = client.context().clock();
        this.faults = new LatencyFaultTracker(clock);
        this.roundRobin = client.context().random().nextInt(1 << 16);
    }

    public ProducerConfig config() {
        return config;
    }

    public ClientInstance client() {
        return client;
    }

    /** Registers the group and fetches the auto-create key route; completes when the first heartbeat was tried. */
    public CompletableFuture<Void> start() {
        if (started) {
            return CompletableFuture.completedFuture(null);
        }
        client.acquire();
        client.registerProducer(config.group());
        started = true;
        return client.routes().refresh(Names.AUTO_CREATE_TOPIC_KEY).handle((route, failure) -> null)
                .thenCompose(ignored -> client.heartbeatAll());
    }

    /** Unregisters from the brokers and releases the client instance. */
    public CompletableFuture<Void> shutdown() {
        if (!started) {
            return CompletableFuture.completedFuture(null);
        }
        started = false;
        client.unregisterProducer(config.group());
        return client.unregisterClient(config.group(), null).whenComplete((ignored, failure) -> client.release());
    }

    /** Sends to a queue of the producer's choosing, retrying definite failures on another broker. */
    public CompletableFuture<SendResult> send(Message message) {
        checkStarted();
        MessageValidator.check(message, config.maxMessageBytes());
        SendRequests.Prepared prepared = SendRequests.prepare(message, client.nextUniqueKey(), config.compressOverBytes());
        long deadlineMs = clock.monotonicMs() + config.sendTimeoutMs();
        return client.routes().publishInfo(message.topic()).thenCompose(info -> attempt(info, deadlineMs, 0, null,
                queue -> SendRequests.single(config.group(), prepared, queue, clock.wallClockMs(), false),
                prepared.uniqKey()));
    }

    /** Sends to {@code queue}; no retry. */
    public CompletableFuture<SendResult> send(Message message, MessageQueue queue) {
        checkStarted();
        MessageValidator.check(message, config.maxMessageBytes());
        if (!queue.topic().equals(message.topic())) {
            throw new ValidationException("queue " + queue + " is not of topic " + message.topic());
        }
        SendRequests.Prepared prepared = SendRequests.prepare(message, client.nextUniqueKey(), config.compressOverBytes());
        return client.routes().route(message.topic()).handle((route, failure) -> null)
                .thenCompose(ignored -> sendOnce(queue, SendRequests.single(config.group(), prepared, queue,
                        clock.wallClockMs(), false), prepared.uniqKey(), config.sendTimeoutMs()));
    }

    /** Sends to the queue {@code selector} picks among the topic's writable queues; no retry. */
    public CompletableFuture<SendResult> send(Message message, MessageQueueSelector selector, Object arg) {
        checkStarted();
        MessageValidator.check(message, config.maxMessageBytes());
        Objects.requireNonNull(selector, "selector");
        return client.routes().publishInfo(message.topic()).thenCompose(info -> {
            if (info.writeQueues().isEmpty()) {
                throw RequestFailedException.local("no writable queue for topic " + message.topic(), null);
            }
            MessageQueue queue = selector.select(info.writeQueues(), message, arg);
            if (queue == null || !info.writeQueues().contains(queue)) {
                throw new ValidationException("selector picked a queue not in the route: " + queue);
            }
            return send(message, queue);
        });
    }

    /** Sends without waiting for the broker; fails only definitely (nothing was sent). */
    public CompletableFuture<Void> sendOneway(Message message) {
        checkStarted();
        MessageValidator.check(message, config.maxMessageBytes());
        SendRequests.Prepared prepared = SendRequests.prepare(message, client.nextUniqueKey(), config.compressOverBytes());
        return client.routes().publishInfo(message.topic()).thenCompose(info -> {
            MessageQueue queue = pick(info, null);
            String address = addressOf(queue);
            return client.rpc().invokeOneway(address,
                    SendRequests.single(config.group(), prepared, queue, clock.wallClockMs(), true));
        });
    }

    /** Sends {@code messages} (one topic) as one batch, with the same retry rule as {@link #send(Message)}. */
    public CompletableFuture<SendResult> sendBatch(List<Message> messages) {
        checkStarted();
        MessageValidator.checkBatch(messages, config.maxMessageBytes());
        List<SendRequests.Prepared> prepared = new ArrayList<>(messages.size());
        for (Message message : messages) {
            prepared.add(SendRequests.prepare(message, client.nextUniqueKey(), 0));
        }
        String msgIds = String.join(",", prepared.stream().map(SendRequests.Prepared::uniqKey).toList());
        long deadlineMs = clock.monotonicMs() + config.sendTimeoutMs();
        return client.routes().publishInfo(messages.get(0).topic()).thenCompose(info -> attempt(info, deadlineMs, 0,
                null, queue -> SendRequests.batch(config.group(), prepared, queue, clock.wallClockMs()), msgIds));
    }

    private CompletableFuture<SendResult> attempt(TopicPublishInfo info, long deadlineMs, int attemptIndex,
            String lastBroker, Function<MessageQueue, RemotingCommand> request, String msgId) {
        if (info.writeQueues().isEmpty()) {
            return CompletableFuture.failedFuture(
                    RequestFailedException.local("no writable queue for topic " + info.topic(), null));
        }
        MessageQueue queue = pick(info, lastBroker);
        long remainingMs = deadlineMs - clock.monotonicMs();
        if (remainingMs <= 0) {
            return CompletableFuture.failedFuture(RequestFailedException.local(
                    "send timeout of " + config.sendTimeoutMs() + " ms used up before attempt " + (attemptIndex + 1), null));
        }
        return sendOnce(queue, request.apply(queue), msgId, remainingMs).exceptionallyCompose(failure -> {
            Throwable cause = ClientRpc.unwrap(failure);
            boolean retry = cause instanceof RequestFailedException definite
                    && SendRequests.isRetryable(definite.responseCode())
                    && attemptIndex < config.retryTimesWhenSendFailed()
                    && deadlineMs - clock.monotonicMs() > 0;
            if (!retry) {
                return CompletableFuture.failedFuture(cause);
            }
            if (RouteRefresh.shouldRefresh(cause)) {
                client.routes().forget(info.topic());
            }
            return attempt(info, deadlineMs, attemptIndex + 1, queue.brokerName(), request, msgId);
        });
    }

    private CompletableFuture<SendResult> sendOnce(MessageQueue queue, RemotingCommand request, String msgId,
            long timeoutMs) {
        String address = addressOf(queue);
        if (address == null) {
            return CompletableFuture.failedFuture(
                    RequestFailedException.local("no master address for broker " + queue.brokerName(), null));
        }
        long startMs = clock.monotonicMs();
        return client.rpc().invoke(address, request, timeoutMs).handle((response, failure) -> {
            long latencyMs = clock.monotonicMs() - startMs;
            if (failure != null) {
                Throwable cause = ClientRpc.unwrap(failure);
                if (config.faultAvoidance()) {
                    faults.record(queue.brokerName(), latencyMs, true);
                }
                if (cause instanceof ClientException clientException) {
                    throw clientException;
                }
                throw ClientRpc.translate(cause);
            }
            if (config.faultAvoidance()) {
                faults.record(queue.brokerName(), latencyMs, false);
            }
            return SendRequests.decode(response, queue, msgId);
        });
    }

    /** Round-robin over the queues, skipping avoided brokers and the one that just failed when possible. */
    private MessageQueue pick(TopicPublishInfo info, String lastBroker) {
        List<MessageQueue> queues = info.writeQueues();
        int start = roundRobin++;
        for (int i = 0; i < queues.size(); i++) {
            MessageQueue candidate = queues.get(Math.floorMod(start + i, queues.size()));
            boolean available = !config.faultAvoidance() || faults.isAvailable(candidate.brokerName());
            if (available && !candidate.brokerName().equals(lastBroker)) {
                return candidate;
            }
        }
        for (int i = 0; i < queues.size(); i++) {
            MessageQueue candidate = queues.get(Math.floorMod(start + i, queues.size()));
            if (!candidate.brokerName().equals(lastBroker)) {
                return candidate;
            }
        }
        return queues.get(Math.floorMod(start, queues.size()));
    }

    private String addressOf(MessageQueue queue) {
        return client.routes().masterAddress(queue.brokerName());
    }

    private void checkStarted() {
        if (!started) {
            throw new IllegalStateException("producer " + config.group() + " is not started");
        }
    }

    /** Which failures suggest the cached route is stale. */
    private static final class RouteRefresh {
        static boolean shouldRefresh(Throwable cause) {
            return cause instanceof RequestFailedException e
                    && e.responseCode() == io.gantry.protocol.remoting.ResponseCode.TOPIC_NOT_EXIST;
        }
    }
}
