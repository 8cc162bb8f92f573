package io.gantry.broker.processor;

import io.gantry.protocol.header.QueryMessageRequestHeader;
import io.gantry.protocol.header.QueryMessageResponseHeader;
import io.gantry.protocol.header.ViewMessageRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.store.MessageStore;
import io.gantry.store.QueryMessageResult;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * VIEW_MESSAGE_BY_ID (33): the record at a commit-log offset (what an offsetMsgId names); and
 * QUERY_MESSAGE (12): records of a topic by KEYS value or UNIQ_KEY within a store-time range, from
 * the key index, newest first, at most the store's {@code defaultQueryMaxNum}; 22 when none.
 */
public final class QueryProcessor {

    private final MessageStore store;

    public QueryProcessor(MessageStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public CompletableFuture<RemotingCommand> viewById(RemotingChannel channel, RemotingCommand request) {
        ViewMessageRequestHeader header = request.decodeHeader(ViewMessageRequestHeader.class);
        ByteBuffer record = store.lookMessageByOffset(header.offset());
        if (record == null) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "can not find message by the offset, " + header.offset());
        }
        byte[] body = new byte[record.remaining()];
        record.duplicate().get(body);
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).body(body).build());
    }

    public CompletableFuture<RemotingCommand> queryByKey(RemotingChannel channel, RemotingCommand request) {
        QueryMessageRequestHeader header = request.decodeHeader(QueryMessageRequestHeader.class);
        int maxNum = Math.max(1, Math.min(header.maxNum(), store.config().defaultQueryMaxNum()));
        QueryMessageResult result = store.queryMessage(header.topic(), header.key(), maxNum, header.beginTimestamp(),
                header.endTimestamp());
        RemotingCommand.Builder response = RemotingCommand.response(ResponseCode.SUCCESS)
                .header(new QueryMessageResponseHeader(result.indexLastUpdateTimestamp(), result.indexLastUpdatePhyOffset()));
        if (result.messages().isEmpty()) {
            return Responses.done(response.code(ResponseCode.QUERY_NOT_FOUND)
                    .remark("can not find message, maybe time range not correct").build());
        }
        int total = 0;
        for (ByteBuffer b : result.messages()) {
            total += b.remaining();
        }
        byte[] body = new byte[total];
        int at = 0;
        for (ByteBuffer b : result.messages()) {
            int n = b.remaining();
            b.duplicate().get(body, at, n);
            at += n;
        }
        return Responses.done(response.body(body).build());
    }
}
