package io.gantry.broker.ha;

import io.gantry.broker.group.SubscriptionGroupTable;
import io.gantry.broker.offset.ConsumerOffsetTable;
import io.gantry.broker.schedule.ScheduleMessageService;
import io.gantry.broker.topic.TopicConfigTable;
import io.gantry.protocol.body.ConsumerOffsetSerializeWrapper;
import io.gantry.protocol.body.DelayOffsetSerializeWrapper;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.SubscriptionGroupWrapper;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.NodeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slave's copy of its master's metadata, every {@link #PERIOD_MS} and whenever the master's address
 * becomes known: GET_ALL_TOPIC_CONFIG (21) and GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201), replaced when
 * their DataVersion differs; GET_ALL_CONSUMER_OFFSET (43), merged forward only (a slave never takes an
 * older offset than its own, RocketMQ #1094), with the slave's newer commits (made while the master
 * was away) sent back to the master as UPDATE_CONSUMER_OFFSET; GET_ALL_DELAY_OFFSET (45), overwritten.
 * A failed round is logged and the next one tries again. On the broker's loop.
 */
public final class SlaveSynchronizer {
    private static final Logger LOG = LoggerFactory.getLogger(SlaveSynchronizer.class);
    /** Period of the copy, as RocketMQ's SlaveSynchronize. */
    public static final long PERIOD_MS = 10_000;
    /** Timeout of one request to the master. */
    public static final long TIMEOUT_MS = 3_000;
    /** Most offsets reported back to the master per round. */
    public static final int MAX_REPORTED_OFFSETS = 10_000;

    private final NodeContext context;
    private final RpcClient client;
    private final TopicConfigTable topics;
    private final SubscriptionGroupTable groups;
    private final ConsumerOffsetTable offsets;
    private final ScheduleMessageService schedule;
    private String masterAddress;
    private Cancellable timer;
    private boolean inFlight;
    private long rounds;

    public SlaveSynchronizer(NodeContext context, RpcClient client, TopicConfigTable topics, SubscriptionGroupTable groups,
                             ConsumerOffsetTable offsets, ScheduleMessageService schedule) {
        this.context = context;
        this.client = client;
        this.topics = topics;
        this.groups = groups;
        this.offsets = offsets;
        this.schedule = schedule;
    }

    public void start() {
        timer = context.scheduler().schedulePeriodic(PERIOD_MS, PERIOD_MS, this::syncNow);
    }

    public void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }

    /** The master's broker (remoting) address; a new one triggers a round at once. */
    public void setMasterAddress(String address) {
        if (address == null || address.equals(masterAddress)) {
            return;
        }
        masterAddress = address;
        syncNow();
    }

    public String masterAddress() {
        return masterAddress;
    }

    /** Completed rounds, for tests. */
    public long rounds() {
        return rounds;
    }

    /** One round now, unless one is running or no master is known. */
    public CompletableFuture<Void> syncNow() {
        if (inFlight || masterAddress == null) {
            return CompletableFuture.completedFuture(null);
        }
        inFlight = true;
        String master = masterAddress;
        CompletableFuture<Void> round = fetch(master, RequestCode.GET_ALL_TOPIC_CONFIG, TopicConfigSerializeWrapper.class,
                topics::replaceFromMaster)
                .thenCompose(v -> fetch(master, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG,
                        SubscriptionGroupWrapper.class, groups::replaceFromMaster))
                .thenCompose(v -> fetch(master, RequestCode.GET_ALL_CONSUMER_OFFSET,
                        ConsumerOffsetSerializeWrapper.class, theirs -> reportNewer(master, offsets.mergeNewer(theirs))))
                .thenCompose(v -> fetch(master, RequestCode.GET_ALL_DELAY_OFFSET, DelayOffsetSerializeWrapper.class,
                        schedule::replaceFromMaster));
        return round.handle((v, failure) -> {
            inFlight = false;
            if (failure != null) {
                LOG.info("metadata copy from master {} failed: {}", master, failure.toString());
            } else {
                rounds++;
            }
            return null;
        });
    }

    private <T> CompletableFuture<Void> fetch(String master, int code, Class<T> type, Consumer<T> apply) {
        return client.invoke(master, RemotingCommand.request(code).build(), TIMEOUT_MS).thenAccept(response -> {
            if (response.code() != ResponseCode.SUCCESS || response.body() == null) {
                throw new IllegalStateException("request " + code + " answered " + response.code() + " "
                        + response.remark());
            }
            apply.accept(RemotingJson.decode(response.body(), type));
        });
    }

    private void reportNewer(String master, List<ConsumerOffsetTable.Entry> ahead) {
        List<ConsumerOffsetTable.Entry> some = new ArrayList<>(ahead.subList(0, Math.min(ahead.size(),
                MAX_REPORTED_OFFSETS)));
        for (ConsumerOffsetTable.Entry e : some) {
            client.invokeOneway(master, RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                    .header(new UpdateConsumerOffsetRequestHeader(e.group(), e.topic(), e.queueId(), e.offset(), null))
                    .build());
        }
    }
}
