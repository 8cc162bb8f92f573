package io.gantry.client.consumer;

import io.gantry.client.Compression;
import io.gantry.client.RequestFailedException;
import io.gantry.client.rpc.ClientRpc;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.header.PullMessageRequestHeader;
import io.gantry.protocol.header.PullMessageResponseHeader;
import io.gantry.protocol.header.PullSysFlag;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.message.MessageSysFlag;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * PULL_MESSAGE: builds the request, maps the response code to a {@link PullStatus}, decodes the
 * records, decompresses bodies and re-checks tags (the broker only matches tag hash codes).
 * Loop-only.
 */
public final class PullApi {

    /** Largest decompressed body accepted. */
    public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final ClientRpc rpc;
    private final java.util.function.BiConsumer<MessageQueue, Long> suggestions;

    public PullApi(ClientRpc rpc) {
        this(rpc, (queue, brokerId) -> { });
    }

    /** A pull API that reports each answer's suggestWhichBrokerId for its queue to {@code suggestions}. */
    public PullApi(ClientRpc rpc, java.util.function.BiConsumer<MessageQueue, Long> suggestions) {
        this.rpc = rpc;
        this.suggestions = suggestions;
    }

    /**
     * Pulls up to {@code maxMessages} from {@code queue} at {@code offset}.
     *
     * @param sysFlag          PullSysFlag bits (SUSPEND for long polling, SUBSCRIPTION to send the expression...)
     * @param commitOffset     offset to commit with the COMMIT_OFFSET flag, else 0
     * @param suspendTimeoutMs how long the broker may hold the request
     * @param timeoutMs        RPC timeout (longer than the hold)
     */
    public CompletableFuture<PullResult> pull(String address, String group, MessageQueue queue, long offset,
            int maxMessages, int sysFlag, long commitOffset, SubscriptionData subscription, long suspendTimeoutMs,
            long timeoutMs) {
        boolean sendSubscription = PullSysFlag.hasSubscription(sysFlag);
        PullMessageRequestHeader header = new PullMessageRequestHeader(group, queue.topic(), queue.queueId(), offset,
                maxMessages, sysFlag, commitOffset, suspendTimeoutMs,
                sendSubscription ? subscription.subString() : null,
                sendSubscription ? 0L : subscription.subVersion(), subscription.expressionType(), queue.brokerName(),
                null);
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE).header(header).build();
        return rpc.invoke(address, request, timeoutMs).thenApply(response -> {
            PullResult result = decode(response, queue, subscription);
            Long suggested = response.decodeHeader(PullMessageResponseHeader.class).suggestWhichBrokerId();
            if (suggested != null && suggested >= 0) {
                suggestions.accept(queue, suggested);
            }
            return result;
        });
    }

    /** The result of a pull response; codes other than 0, 19, 20, 21 are a {@link RequestFailedException}. */
    public static PullResult decode(RemotingCommand response, MessageQueue queue, SubscriptionData subscription) {
        PullStatus status = switch (response.code()) {
            case ResponseCode.SUCCESS -> PullStatus.FOUND;
            case ResponseCode.PULL_NOT_FOUND -> PullStatus.NO_NEW_MSG;
            case ResponseCode.PULL_RETRY_IMMEDIATELY -> PullStatus.NO_MATCHED_MSG;
            case ResponseCode.PULL_OFFSET_MOVED -> PullStatus.OFFSET_ILLEGAL;
            default -> throw new RequestFailedException(response.code(), response.remark(), null);
        };
        PullMessageResponseHeader header = response.decodeHeader(PullMessageResponseHeader.class);
        List<ReceivedMessage> messages = new ArrayList<>();
        if (status == PullStatus.FOUND && response.body() != null) {
            for (MessageRecord record : MessageRecordCodec.decodeAll(ByteBuffer.wrap(response.body()))) {
                if (matches(record, subscription)) {
                    messages.add(new ReceivedMessage(record, bodyOf(record), queue));
                }
            }
        }
        PullStatus effective = status == PullStatus.FOUND && messages.isEmpty() ? PullStatus.NO_MATCHED_MSG : status;
        return new PullResult(effective, header.nextBeginOffset(), header.minOffset(), header.maxOffset(), messages);
    }

    /** The exact tag check the broker's hash filter cannot do. */
    public static boolean matches(MessageRecord record, SubscriptionData subscription) {
        if (subscription == null || !subscription.isTagType() || subscription.isAllTags()) {
            return true;
        }
        String tags = record.property(io.gantry.protocol.message.MessageConst.PROPERTY_TAGS);
        return tags != null && subscription.tagsSet().contains(tags);
    }

    static byte[] bodyOf(MessageRecord record) {
        if (!MessageSysFlag.isCompressed(record.sysFlag())) {
            return record.body();
        }
        return Compression.decompress(record.body(), MAX_BODY_BYTES);
    }
}
