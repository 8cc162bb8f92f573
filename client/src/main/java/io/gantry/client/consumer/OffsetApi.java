package io.gantry.client.consumer;

import io.gantry.client.RequestFailedException;
import io.gantry.client.rpc.ClientRpc;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.header.GetMaxOffsetRequestHeader;
import io.gantry.protocol.header.GetMinOffsetRequestHeader;
import io.gantry.protocol.header.QueryConsumerOffsetRequestHeader;
import io.gantry.protocol.header.QueryConsumerOffsetResponseHeader;
import io.gantry.protocol.header.SearchOffsetRequestHeader;
import io.gantry.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.util.concurrent.CompletableFuture;

/**
 * Offset RPCs to a broker: QUERY_CONSUMER_OFFSET, UPDATE_CONSUMER_OFFSET (oneway or acknowledged),
 * GET_MAX_OFFSET, GET_MIN_OFFSET and SEARCH_OFFSET_BY_TIMESTAMP. Loop-only.
 */
public final class OffsetApi {

    /** What {@link #queryConsumerOffset} answers when the broker has no stored offset. */
    public static final long NO_OFFSET = -1;

    private final ClientRpc rpc;
    private final long timeoutMs;

    public OffsetApi(ClientRpc rpc, long timeoutMs) {
        this.rpc = rpc;
        this.timeoutMs = timeoutMs;
    }

    /** The group's stored offset for {@code queue}, or {@link #NO_OFFSET} when the broker has none (code 22). */
    public CompletableFuture<Long> queryConsumerOffset(String address, String group, MessageQueue queue) {
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .header(new QueryConsumerOffsetRequestHeader(group, queue.topic(), queue.queueId(), null,
                        queue.brokerName())).build();
        return rpc.invoke(address, request, timeoutMs).thenApply(response -> {
            if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
                return NO_OFFSET;
            }
            check(response);
            return response.decodeHeader(QueryConsumerOffsetResponseHeader.class).offset();
        });
    }

    /** Stores {@code offset} (next to consume) and waits for the broker's answer. */
    public CompletableFuture<Void> updateConsumerOffset(String address, String group, MessageQueue queue, long offset) {
        RemotingCommand request = updateRequest(group, queue, offset).build();
        return rpc.invoke(address, request, timeoutMs).thenApply(response -> {
            check(response);
            return null;
        });
    }

    /** Stores {@code offset} without waiting for an answer, as the periodic persist does. */
    public CompletableFuture<Void> updateConsumerOffsetOneway(String address, String group, MessageQueue queue,
            long offset) {
        return rpc.invokeOneway(address, updateRequest(group, queue, offset).oneway().build());
    }

    /** The queue's max offset (exclusive: the offset the next message will get). */
    public CompletableFuture<Long> maxOffset(String address, MessageQueue queue) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_MAX_OFFSET)
                .header(new GetMaxOffsetRequestHeader(queue.topic(), queue.queueId(), null, queue.brokerName())).build();
        return rpc.invoke(address, request, timeoutMs).thenApply(OffsetApi::offsetOf);
    }

    /** The queue's min offset. */
    public CompletableFuture<Long> minOffset(String address, MessageQueue queue) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_MIN_OFFSET)
                .header(new GetMinOffsetRequestHeader(queue.topic(), queue.queueId(), queue.brokerName())).build();
        return rpc.invoke(address, request, timeoutMs).thenApply(OffsetApi::offsetOf);
    }

    /** The offset of the first message stored at or after {@code timestampMs}. */
    public CompletableFuture<Long> searchOffset(String address, MessageQueue queue, long timestampMs) {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP)
                .header(new SearchOffsetRequestHeader(queue.topic(), queue.queueId(), timestampMs, null,
                        queue.brokerName())).build();
        return rpc.invoke(address, request, timeoutMs).thenApply(OffsetApi::offsetOf);
    }

    private static RemotingCommand.Builder updateRequest(String group, MessageQueue queue, long offset) {
        return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .header(new UpdateConsumerOffsetRequestHeader(group, queue.topic(), queue.queueId(), offset,
                        queue.brokerName()));
    }

    private static long offsetOf(RemotingCommand response) {
        check(response);
        String offset = response.extField("offset");
        if (offset == null) {
            throw new RequestFailedException(response.code(), "response without offset", null);
        }
        return Long.parseLong(offset);
    }

    private static void check(RemotingCommand response) {
        if (response.code() != ResponseCode.SUCCESS) {
            throw new RequestFailedException(response.code(), response.remark(), null);
        }
    }
}
