package io.gantry.store;

import java.util.concurrent.CompletableFuture;

/**
 * The result of a put (one message or a batch).
 *
 * @param status            the append outcome; the other fields are meaningful only for PUT_OK
 * @param physicalOffset    commit-log offset of the first record
 * @param queueOffset       queue offset of the first record (0 for prepared/rollback records)
 * @param messageCount      records appended
 * @param wroteBytes        bytes appended (records only, not an end-of-segment filler)
 * @param msgId             offsetMsgId of each record, comma-joined for a batch
 * @param storeTimestamp    store time given to the records
 * @param durability        completes FLUSHED once a force covers the last record, FLUSH_DISK_TIMEOUT
 *                          (SYNC_FLUSH) past syncFlushTimeout, or exceptionally with
 *                          {@link StoreFailedException} if a force failed. Never success before a
 *                          force returned.
 * @param errorMessage      why, when the status is not PUT_OK
 */
public record PutMessageResult(PutMessageStatus status, long physicalOffset, long queueOffset, int messageCount,
                               int wroteBytes, String msgId, long storeTimestamp,
                               CompletableFuture<FlushStatus> durability, String errorMessage) {

    static PutMessageResult failed(PutMessageStatus status, String errorMessage) {
        assert status != PutMessageStatus.PUT_OK;
        return new PutMessageResult(status, -1, -1, 0, 0, null, 0,
                CompletableFuture.failedFuture(new StoreFailedException(errorMessage, null)), errorMessage);
    }

    public boolean isOk() {
        return status == PutMessageStatus.PUT_OK;
    }
}
