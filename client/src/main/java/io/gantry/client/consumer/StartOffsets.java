package io.gantry.client.consumer;

import io.gantry.client.Names;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.MessageQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Where a newly assigned queue starts: the group's stored offset if the broker has one, else by
 * {@link ConsumeFromWhere}: LAST = the queue's max offset (0 for %RETRY% topics), FIRST = its min
 * offset, TIMESTAMP = the first message at or after the configured time. Loop-only.
 */
public final class StartOffsets {

    private StartOffsets() {
    }

    /** The start offset of {@code queue} on broker {@code address}; {@code stored} is the offset found in the offset store, or -1. */
    public static CompletableFuture<Long> resolve(OffsetApi api, String address, MessageQueue queue, long stored,
            ConsumerConfig config) {
        if (stored >= 0) {
            return CompletableFuture.completedFuture(stored);
        }
        ConsumeFromWhere where = config.consumeFromWhere();
        return switch (where) {
            case CONSUME_FROM_FIRST_OFFSET, CONSUME_FROM_MIN_OFFSET -> api.minOffset(address, queue);
            case CONSUME_FROM_TIMESTAMP -> Names.isRetryTopic(queue.topic())
                    ? api.maxOffset(address, queue)
                    : api.searchOffset(address, queue, config.consumeTimestampMs());
            default -> Names.isRetryTopic(queue.topic())
                    ? CompletableFuture.completedFuture(0L)
                    : api.maxOffset(address, queue);
        };
    }
}
