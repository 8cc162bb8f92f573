package io.gantry.broker.processor;

import io.gantry.broker.offset.ConsumerOffsetTable;
import io.gantry.protocol.header.GetEarliestMsgStoretimeRequestHeader;
import io.gantry.protocol.header.GetEarliestMsgStoretimeResponseHeader;
import io.gantry.protocol.header.GetMaxOffsetRequestHeader;
import io.gantry.protocol.header.GetMaxOffsetResponseHeader;
import io.gantry.protocol.header.GetMinOffsetRequestHeader;
import io.gantry.protocol.header.GetMinOffsetResponseHeader;
import io.gantry.protocol.header.QueryConsumerOffsetRequestHeader;
import io.gantry.protocol.header.QueryConsumerOffsetResponseHeader;
import io.gantry.protocol.header.SearchOffsetRequestHeader;
import io.gantry.protocol.header.SearchOffsetResponseHeader;
import io.gantry.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.store.MessageStore;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Consumer offsets and queue bounds: QUERY_CONSUMER_OFFSET (14), UPDATE_CONSUMER_OFFSET (15),
 * GET_MAX_OFFSET (30), GET_MIN_OFFSET (31), GET_EARLIEST_MSG_STORETIME (32) and
 * SEARCH_OFFSET_BY_TIMESTAMP (29). With no stored offset, a query answers 0 when the queue still
 * starts at 0 (as the 4.9 and 5.x brokers do while message 0 is in memory; Gantry has no "on disk"
 * notion), else QUERY_NOT_FOUND (22); also 22 when the request says {@code setZeroIfNotFound=false},
 * as the 5.x broker does. See docs/broker.md for why not always 22.
 */
public final class OffsetProcessor {

    private final ConsumerOffsetTable offsets;
    private final MessageStore store;

    public OffsetProcessor(ConsumerOffsetTable offsets, MessageStore store) {
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.store = Objects.requireNonNull(store, "store");
    }

    public CompletableFuture<RemotingCommand> query(RemotingChannel channel, RemotingCommand request) {
        QueryConsumerOffsetRequestHeader header = request.decodeHeader(QueryConsumerOffsetRequestHeader.class);
        long offset = offsets.query(header.consumerGroup(), header.topic(), header.queueId());
        if (offset < 0) {
            // An empty or unknown queue also starts at 0, as the 4.9 broker's in-memory check finds.
            // setZeroIfNotFound=false (5.x header; the official clients never send it) asks for 22 regardless.
            boolean youngQueue = store.getMinOffsetInQueue(header.topic(), header.queueId()) <= 0;
            if (youngQueue && !Boolean.FALSE.equals(header.setZeroIfNotFound())) {
                offset = 0;
            } else {
                return Responses.error(ResponseCode.QUERY_NOT_FOUND, "Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first");
            }
        }
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .header(new QueryConsumerOffsetResponseHeader(offset)).build());
    }

    public CompletableFuture<RemotingCommand> update(RemotingChannel channel, RemotingCommand request) {
        UpdateConsumerOffsetRequestHeader header = request.decodeHeader(UpdateConsumerOffsetRequestHeader.class);
        offsets.commit(header.consumerGroup(), header.topic(), header.queueId(), header.commitOffset());
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }

    public CompletableFuture<RemotingCommand> maxOffset(RemotingChannel channel, RemotingCommand request) {
        GetMaxOffsetRequestHeader header = request.decodeHeader(GetMaxOffsetRequestHeader.class);
        long offset = store.getMaxOffsetInQueue(header.topic(), header.queueId());
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .header(new GetMaxOffsetResponseHeader(offset)).build());
    }

    public CompletableFuture<RemotingCommand> minOffset(RemotingChannel channel, RemotingCommand request) {
        GetMinOffsetRequestHeader header = request.decodeHeader(GetMinOffsetRequestHeader.class);
        long offset = store.getMinOffsetInQueue(header.topic(), header.queueId());
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .header(new GetMinOffsetResponseHeader(offset)).build());
    }

    public CompletableFuture<RemotingCommand> earliestTime(RemotingChannel channel, RemotingCommand request) {
        GetEarliestMsgStoretimeRequestHeader header = request.decodeHeader(GetEarliestMsgStoretimeRequestHeader.class);
        long time = store.getEarliestMessageTime(header.topic(), header.queueId());
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .header(new GetEarliestMsgStoretimeResponseHeader(time)).build());
    }

    public CompletableFuture<RemotingCommand> searchByTime(RemotingChannel channel, RemotingCommand request) {
        SearchOffsetRequestHeader header = request.decodeHeader(SearchOffsetRequestHeader.class);
        long offset = store.getOffsetInQueueByTime(header.topic(), header.queueId(), header.timestamp());
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .header(new SearchOffsetResponseHeader(offset)).build());
    }
}
