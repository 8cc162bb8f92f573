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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * PULL_MESSAGE: builds the request, maps the response code to a {@link PullStatus}, decodes the
 * records, decompresses bodies and re-checks tags (the broker only matches tag hash codes).
 * Loop-only.
 *
 * <p>Request code: a lite pull (sysFlag with the LITE_PULL_MESSAGE bit) goes out as
 * LITE_PULL_MESSAGE (361) with {@code maxMsgBytes} unbounded, as RocketMQ 5.x's lite pull consumer
 * sends it; everything else as PULL_MESSAGE (11). A 4.x broker does not know 361 and answers
 * REQUEST_CODE_NOT_SUPPORTED (3), after which RocketMQ 5.x's consumer never gets data; this one
 * remembers that broker and asks it again, and from then on, with 11 (same header, same answer).
 */
public final class PullApi {

    /** Largest decompressed body accepted. */
    public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    /** Limit on remembered brokers without LITE_PULL_MESSAGE; past it they are forgotten and learnt again. */
    static final int MAX_LEGACY_BROKERS = 4_096;

    private final ClientRpc rpc;
    /** Broker addresses that answered REQUEST_CODE_NOT_SUPPORTED to LITE_PULL_MESSAGE. */
    private final Set<String> withoutLitePullCode = new HashSet<>();
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
        if (!PullSysFlag.isLitePull(sysFlag) || withoutLitePullCode.contains(address)) {
            return invoke(address, RequestCode.PULL_MESSAGE, header, queue, subscription, timeoutMs);
        }
        PullMessageRequestHeader lite = new PullMessageRequestHeader(header.consumerGroup(), header.topic(),
                header.queueId(), header.queueOffset(), header.maxMsgNums(), header.sysFlag(), header.commitOffset(),
                header.suspendTimeoutMillis(), header.subscription(), header.subVersion(), header.expressionType(),
                header.bname(), Integer.MAX_VALUE);
        return rpc.invoke(address, RemotingCommand.request(RequestCode.LITE_PULL_MESSAGE).header(lite).build(), timeoutMs)
                .thenCompose(response -> {
                    if (response.code() != ResponseCode.REQUEST_CODE_NOT_SUPPORTED) {
                        return CompletableFuture.completedFuture(decodeAndNote(response, queue, subscription));
                    }
                    if (withoutLitePullCode.size() >= MAX_LEGACY_BROKERS) {
                        withoutLitePullCode.clear();
                    }
                    withoutLitePullCode.add(address);
                    return invoke(address, RequestCode.PULL_MESSAGE, header, queue, subscription, timeoutMs);
                });
    }

    private CompletableFuture<PullResult> invoke(String address, int code, PullMessageRequestHeader header,
            MessageQueue queue, SubscriptionData subscription, long timeoutMs) {
        RemotingCommand request = RemotingCommand.request(code).header(header).build();
        return rpc.invoke(address, request, timeoutMs).thenApply(response -> decodeAndNote(response, queue, subscription));
    }

    /** Decodes a pull answer and passes its suggestWhichBrokerId, if any, to the suggestion listener. */
    private PullResult decodeAndNote(RemotingCommand response, MessageQueue queue, SubscriptionData subscription) {
        PullResult result = decode(response, queue, subscription);
        Long suggested = response.decodeHeader(PullMessageResponseHeader.class).suggestWhichBrokerId();
        if (suggested != null && suggested >= 0) {
            suggestions.accept(queue, suggested);
        }
        return result;
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

    /** The record's body as the user sent it: decompressed when the COMPRESSED flag is set. */
    public static byte[] bodyOf(MessageRecord record) {
        if (!MessageSysFlag.isCompressed(record.sysFlag())) {
            return record.body();
        }
        return Compression.decompress(record.body(), MAX_BODY_BYTES);
    }
}
