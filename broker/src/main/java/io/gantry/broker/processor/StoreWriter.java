package io.gantry.broker.processor;

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
 * for the durability future. Tells the {@link MessageArrivalListener} once the messages are readable
 * (at once, or after they are durable when the store serves only durable data).
 */
public final class StoreWriter {

    private final MessageStore store;
    private final MessageArrivalListener arrivals;

    public StoreWriter(MessageStore store, MessageArrivalListener arrivals) {
        this.store = Objects.requireNonNull(store, "store");
        this.arrivals = Objects.requireNonNull(arrivals, "arrivals");
    }

    /**
     * Puts one message or a batch (all to the same queue) and answers as described above, reporting
     * {@code reportedQueueId} (the real queue of a delayed message, not its schedule queue).
     */
    public CompletableFuture<RemotingCommand> put(List<MessageRecord> messages, boolean waitStoreOk, int reportedQueueId) {
        assert !messages.isEmpty();
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
        boolean waitForFlush = waitStoreOk && store.config().flushDiskType() == FlushDiskType.SYNC_FLUSH;
        if (!waitForFlush) {
            return Responses.done(success(result, queueId, ResponseCode.SUCCESS));
        }
        return result.durability().handle((status, failure) -> {
            // Stored either way: a timed-out or failed flush is FLUSH_DISK_TIMEOUT, not an error.
            int code = failure == null && status == FlushStatus.FLUSHED ? ResponseCode.SUCCESS : ResponseCode.FLUSH_DISK_TIMEOUT;
            return success(result, queueId, code);
        });
    }

    /**
     * Puts one message the broker itself writes (a due delayed message) without a client waiting;
     * true if the store took it.
     */
    public boolean putInternal(MessageRecord message) {
        PutMessageResult result = store.putMessage(message);
        if (!result.isOk()) {
            return false;
        }
        if (store.config().serveOnlyDurable()) {
            result.durability().whenComplete((status, failure) -> arrivals.onArrival(message.topic(), message.queueId()));
        } else {
            arrivals.onArrival(message.topic(), message.queueId());
        }
        return true;
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
