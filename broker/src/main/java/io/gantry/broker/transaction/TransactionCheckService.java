package io.gantry.broker.transaction;

import io.gantry.broker.client.ClientManager;
import io.gantry.broker.topic.TopicNames;
import io.gantry.protocol.header.CheckTransactionStateRequestHeader;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Clock;
import io.gantry.runtime.Scheduler;
import io.gantry.store.GetMessageResult;
import io.gantry.store.GetMessageStatus;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks producers about half messages left undecided. Every {@code checkIntervalMs} it walks the half
 * topic from the first unresolved message; a half message with no op record that is older than
 * {@code timeoutMs} gets a CHECK_TRANSACTION_STATE (39, oneway) sent to one live channel of its
 * producer group (property PGROUP), whose END_TRANSACTION then resolves it. After {@code maxChecks}
 * checks it is given up (an op record is written without committing). Which half messages are resolved
 * is rebuilt at start from the op topic. Lives on the broker's loop.
 *
 * <p>Unlike RocketMQ it does not re-append a checked half message; the check count lives in memory,
 * so a restart starts counting again.
 */
public final class TransactionCheckService {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionCheckService.class);
    /** Most half messages looked at per round. */
    static final int MAX_PER_ROUND = 10_000;

    /** Writes the op record of a half-queue offset (used to give a message up). */
    @FunctionalInterface
    public interface GiveUp {
        void giveUp(MessageRecord half);
    }

    private final Scheduler scheduler;
    private final Clock clock;
    private final MessageStore store;
    private final ClientManager clients;
    private final long checkIntervalMs;
    private final long timeoutMs;
    private final int maxChecks;
    private final GiveUp giveUp;
    private final Set<Long> resolved = new HashSet<>();
    private final Map<Long, Integer> checks = new HashMap<>();
    private long firstUnresolved;
    private Cancellable timer;

    public TransactionCheckService(Scheduler scheduler, Clock clock, MessageStore store, ClientManager clients,
                                   long checkIntervalMs, long timeoutMs, int maxChecks, GiveUp giveUp) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.checkIntervalMs = checkIntervalMs;
        this.timeoutMs = timeoutMs;
        this.maxChecks = maxChecks;
        this.giveUp = Objects.requireNonNull(giveUp, "giveUp");
    }

    /** Rebuilds the resolved set from the op topic and starts the periodic check. */
    public void start() {
        long offset = store.getMinOffsetInQueue(TopicNames.TRANS_OP_HALF_TOPIC, 0);
        long max = store.getMaxOffsetInQueue(TopicNames.TRANS_OP_HALF_TOPIC, 0);
        while (offset < max) {
            GetMessageResult result = store.getMessage(TopicNames.TRANS_OP_HALF_TOPIC, 0, offset, 32, Integer.MAX_VALUE,
                    MessageFilter.ALL);
            if (result.status() != GetMessageStatus.FOUND) {
                break;
            }
            result.messages().forEach(buffer -> {
                MessageRecord op = MessageRecordCodec.decode(buffer.duplicate());
                try {
                    resolved.add(Long.parseLong(new String(op.body(), StandardCharsets.UTF_8).trim()));
                } catch (NumberFormatException e) {
                    LOG.warn("op record at commit-log offset {} has no half offset", op.commitLogOffset());
                }
            });
            offset = result.nextBeginOffset();
        }
        firstUnresolved = store.getMinOffsetInQueue(TopicNames.TRANS_HALF_TOPIC, 0);
        timer = scheduler.schedulePeriodic(checkIntervalMs, checkIntervalMs, this::checkRound);
    }

    /** An op record was written for the half message at {@code halfQueueOffset}. */
    public void onResolved(long halfQueueOffset) {
        resolved.add(halfQueueOffset);
        checks.remove(halfQueueOffset);
    }

    void checkRound() {
        long nowMs = clock.wallClockMs();
        long max = store.getMaxOffsetInQueue(TopicNames.TRANS_HALF_TOPIC, 0);
        boolean prefixResolved = true;
        for (long offset = firstUnresolved; offset < max && offset < firstUnresolved + MAX_PER_ROUND; offset++) {
            if (resolved.contains(offset)) {
                if (prefixResolved) {
                    resolved.remove(offset);
                    firstUnresolved = offset + 1;
                }
                continue;
            }
            prefixResolved = false;
            GetMessageResult result = store.getMessage(TopicNames.TRANS_HALF_TOPIC, 0, offset, 1, Integer.MAX_VALUE,
                    MessageFilter.ALL);
            if (result.status() != GetMessageStatus.FOUND) {
                continue;
            }
            MessageRecord half = MessageRecordCodec.decode(result.messages().get(0).duplicate());
            if (nowMs - half.storeTimestamp() < timeoutMs) {
                break;
            }
            int done = checks.merge(offset, 1, Integer::sum);
            if (done > maxChecks) {
                LOG.warn("half message at offset {} unresolved after {} checks; given up", offset, maxChecks);
                giveUp.giveUp(half);
                continue;
            }
            askProducer(half);
        }
    }

    private void askProducer(MessageRecord half) {
        RemotingChannel channel = clients.producerChannel(half.property(MessageConst.PROPERTY_PRODUCER_GROUP));
        if (channel == null) {
            return;
        }
        String realTopic = half.property(MessageConst.PROPERTY_REAL_TOPIC);
        int realQueue;
        try {
            realQueue = Integer.parseInt(half.property(MessageConst.PROPERTY_REAL_QUEUE_ID));
        } catch (NumberFormatException e) {
            return;
        }
        String uniqKey = half.property(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        byte[] body = MessageRecordCodec.encode(half.toBuilder().topic(realTopic == null ? half.topic() : realTopic)
                .queueId(realQueue).build());
        RemotingCommand request = RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE)
                .header(new CheckTransactionStateRequestHeader(half.queueOffset(), half.commitLogOffset(), uniqKey,
                        uniqKey, half.offsetMsgId(), realTopic, null))
                .body(body).oneway().build();
        channel.invokeOneway(request).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.debug("transaction check to {} failed: {}", channel, failure.toString());
            }
        });
    }

    public void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }
}
