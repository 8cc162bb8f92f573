package io.gantry.store;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Builds the consume queues and the index from commit-log records, in commit-log order. Appends
 * enqueue their records; {@link #dispatchUpTo} moves every pending record that ends at or before
 * a limit into the queues and index. With the durable-read rule the limit is the commit log's
 * durable position, so a consumer can never see a record a crash could take back; without it,
 * the write position.
 *
 * <p>Used on the store's loop. A failed queue or index write turns the store read-only and stops
 * dispatching; recovery rebuilds from the commit log.
 */
final class Dispatcher {
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final StoreHealth health;
    private final ArrayDeque<DispatchRequest> pending = new ArrayDeque<>();
    private long dispatchedOffset;
    private long lastStoreTimestamp;
    private boolean stopped;

    /**
     * @param index            null when the key index is off
     * @param dispatchedOffset every record below it is already dispatched (the recovered end)
     */
    Dispatcher(ConsumeQueueTable queues, IndexService index, StoreHealth health, long dispatchedOffset) {
        this.queues = queues;
        this.index = index;
        this.health = health;
        this.dispatchedOffset = dispatchedOffset;
    }

    /** Every record below this offset is in the consume queues and index. */
    long dispatchedOffset() {
        return dispatchedOffset;
    }

    /** Store time of the last dispatched record. */
    long lastStoreTimestamp() {
        return lastStoreTimestamp;
    }

    /** Recovery: everything below {@code offset} is dispatched (the recovered end). */
    void markDispatchedUpTo(long offset) {
        assert pending.isEmpty();
        dispatchedOffset = Math.max(dispatchedOffset, offset);
    }

    /** A replica cut its log at {@code offset}: records from there on are gone, dispatched or not. */
    void dropPendingFrom(long offset) {
        while (!pending.isEmpty() && pending.peekLast().commitLogOffset() >= offset) {
            pending.pollLast();
        }
        dispatchedOffset = Math.min(dispatchedOffset, offset);
    }

    int pendingCount() {
        return pending.size();
    }

    void enqueue(List<DispatchRequest> requests) {
        for (DispatchRequest r : requests) {
            assert pending.isEmpty() || pending.peekLast().endOffset() <= r.commitLogOffset() : "dispatch out of order";
            pending.addLast(r);
        }
    }

    /** Dispatches pending records that end at or before {@code limitOffset}. */
    void dispatchUpTo(long limitOffset) {
        while (!stopped && !pending.isEmpty() && pending.peekFirst().endOffset() <= limitOffset) {
            DispatchRequest r = pending.peekFirst();
            try {
                dispatch(r, true, true);
            } catch (IOException | RuntimeException e) {
                stopped = true;
                health.turnReadOnly("dispatch of the record at " + r.commitLogOffset() + " to " + r.topic() + "/"
                        + r.queueId() + " failed: " + e, e);
                return;
            }
            pending.pollFirst();
        }
    }

    /** Writes one record's consume-queue entry and/or index keys. */
    void dispatch(DispatchRequest r, boolean toQueue, boolean toIndex) throws IOException {
        if (r.consumeQueue()) {
            if (toQueue) {
                queues.getOrCreate(r.topic(), r.queueId())
                        .append(r.queueOffset(), r.commitLogOffset(), r.size(), r.tagsCode());
            }
            if (toIndex && index != null) {
                index.putMessage(r.topic(), r.uniqKey(), r.keys(), r.commitLogOffset(), r.storeTimestamp());
            }
        }
        dispatchedOffset = Math.max(dispatchedOffset, r.endOffset());
        lastStoreTimestamp = Math.max(lastStoreTimestamp, r.storeTimestamp());
    }
}
