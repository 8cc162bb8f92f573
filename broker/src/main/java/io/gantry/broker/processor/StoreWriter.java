package io.gantry.broker.processor;

import io.gantry.broker.config.BrokerRole;
import io.gantry.broker.ha.ReplicationStatus;
import io.gantry.protocol.header.SendMessageResponseHeader;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.store.FlushDiskType;
import io.gantry.store.FlushStatus;
import io.gantry.store.MessageStore;
import io.gantry.store.PutMessageResult;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Puts messages into the store and turns the result into a send response: PUT_OK answers SUCCESS
 * (0), or FLUSH_DISK_TIMEOUT (10) when a SYNC_FLUSH wait ran out; the store's refusals answer the
 * official codes with the store's reason. Under SYNC_FLUSH with {@code WAIT=true} the response waits
 * for the durability future; under SYNC_MASTER with {@code WAIT=true} also for a slave's acknowledgement
 * (FLUSH_SLAVE_TIMEOUT 12, SLAVE_NOT_AVAILABLE 11 otherwise). A SLAVE refuses every write. Tells the {@link MessageArrivalListener} once the messages are readable
 * (at once, or after they are durable when the store serves only durable data).
 */
public final class StoreWriter {

    /**
     * Replication as a write sees it: told of every append, and (SYNC_MASTER) asked to wait for a slave.
     * {@link #NONE} for a master without replication waits.
     */
    public interface Replication {
        Replication NONE = new Replication() {
        };

        /** Something was appended ending at {@code endOffset}: stream it to slaves. */
        default void appended(long endOffset) {
        }

        /** True if sends must wait for a slave (SYNC_MASTER). */
        default boolean synchronous() {
            return false;
        }

        /** SYNC_MASTER: completes when a slave covers {@code endOffset}, or with why not. */
        default CompletableFuture<ReplicationStatus> await(long endOffset) {
            return CompletableFuture.completedFuture(ReplicationStatus.REPLICATED);
        }
    }

    private final MessageStore store;
    private final MessageArrivalListener arrivals;
    private final BrokerRole role;
    private final Replication replication;

    public StoreWriter(MessageStore store, MessageArrivalListener arrivals) {
        this(store, arrivals, BrokerRole.ASYNC_MASTER, Replication.NONE);
    }

    /** A writer for a broker of {@code role}; a SLAVE refuses every write with SERVICE_NOT_AVAILABLE (14). */
    public StoreWriter(MessageStore store, MessageArrivalListener arrivals, BrokerRole role, Replication replication) {
        this.store = Objects.requireNonNull(store, "store");
        this.arrivals = Objects.requireNonNull(arrivals, "arrivals");
        this.role = Objects.requireNonNull(role, "role");
        this.replication = Objects.requireNonNull(replication, "replication");
    }

    /** True if this broker is a slave: it takes no writes. */
    public boolean isSlave() {
        return role == BrokerRole.SLAVE;
    }

    /** The answer a slave gives to any write. */
    public static RemotingCommand slaveRefusal() {
        return RemotingCommand.response(ResponseCode.SERVICE_NOT_AVAILABLE)
                .remark("service not available now: this broker is a slave and takes no writes; send to its master")
                .build();
    }

    /**
     * Puts one message or a batch (all to the same queue) and answers as described above, reporting
     * {@code reportedQueueId} (the real queue of a delayed message, not its schedule queue).
     */
    public CompletableFuture<RemotingCommand> put(List<MessageRecord> messages, boolean waitStoreOk, int reportedQueueId) {
        assert !messages.isEmpty();
        if (isSlave()) {
            return Responses.done(slaveRefusal());
        }
        MessageRecord first = messages.get(0);
        PutMessageResult result = messages.size() == 1 ? store.putMessage(first) : store.putMessages(messages);
        if (!result.isOk()) {
            return Responses.done(RemotingCommand.response(codeOf(result)).remark(result.status() + ": "
                    + result.errorMessage()).build());
        }
        String topic = first.topic();
        int queueId = reportedQueueId;
        boolean readableNow = !store.config().serveOnlyDurable();
        if (readableNow) {
            arrivals.onArrival(topic, first.queueId());
        } else {
            result.durability().whenComplete((status, failure) -> arrivals.onArrival(topic, first.queueId()));
        }
        long endOffset = result.physicalOffset() + result.wroteBytes();
        replication.appended(endOffset);
        boolean waitForFlush = waitStoreOk && store.config().flushDiskType() == FlushDiskType.SYNC_FLUSH;
        boolean waitForSlave = waitStoreOk && replication.synchronous();
        if (!waitForFlush && !waitForSlave) {
            return Responses.done(success(result, queueId, ResponseCode.SUCCESS));
        }
        CompletableFuture<Integer> flushCode = !waitForFlush ? CompletableFuture.completedFuture(ResponseCode.SUCCESS)
                : result.durability().handle((status, failure) ->
                        // Stored either way: a timed-out or failed flush is FLUSH_DISK_TIMEOUT, not an error.
                        failure == null && status == FlushStatus.FLUSHED ? ResponseCode.SUCCESS
                                : ResponseCode.FLUSH_DISK_TIMEOUT);
        CompletableFuture<ReplicationStatus> slave = !waitForSlave
                ? CompletableFuture.completedFuture(ReplicationStatus.REPLICATED) : replication.await(endOffset);
        // Both waits run at once; a replication failure wins over a flush failure (reference 6.3).
        return flushCode.thenCombine(slave, (flush, replicated) -> success(result, queueId, switch (replicated) {
            case REPLICATED -> flush;
            case FLUSH_SLAVE_TIMEOUT -> ResponseCode.FLUSH_SLAVE_TIMEOUT;
            case SLAVE_NOT_AVAILABLE -> ResponseCode.SLAVE_NOT_AVAILABLE;
        }));
    }

    /**
     * Puts one message the broker itself writes (a due delayed message) without a client waiting;
     * the put's durability future if the store took it, else null.
     */
    public CompletableFuture<FlushStatus> putInternal(MessageRecord message) {
        if (isSlave()) {
            return null;
        }
        PutMessageResult result = store.putMessage(message);
        if (!result.isOk()) {
            return null;
        }
        replication.appended(result.physicalOffset() + result.wroteBytes());
        if (store.config().serveOnlyDurable()) {
            result.durability().whenComplete((status, failure) -> arrivals.onArrival(message.topic(), message.queueId()));
        } else {
            arrivals.onArrival(message.topic(), message.queueId());
        }
        return result.durability();
    }

    private static RemotingCommand success(PutMessageResult result, int queueId, int code) {
        return RemotingCommand.response(code)
                .header(new SendMessageResponseHeader(result.msgId(), queueId, result.queueOffset(), null, null))
                .extField(MessageConst.PROPERTY_MSG_REGION, "DefaultRegion")
                .extField(MessageConst.PROPERTY_TRACE_SWITCH, "false")
                .build();
    }

    private static int codeOf(PutMessageResult result) {
        return switch (result.status()) {
            case PUT_OK -> ResponseCode.SUCCESS;
            case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED -> ResponseCode.MESSAGE_ILLEGAL;
            case SERVICE_NOT_AVAILABLE -> ResponseCode.SERVICE_NOT_AVAILABLE;
            case CREATE_MAPPED_FILE_FAILED, UNKNOWN_ERROR -> ResponseCode.SYSTEM_ERROR;
        };
    }
}
