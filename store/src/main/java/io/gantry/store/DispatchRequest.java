package io.gantry.store;

/**
 * What the consume queues and the index need from one commit-log record. Built at append time,
 * or by recovery from the records it re-reads.
 *
 * @param commitLogOffset physical offset of the record
 * @param size            record size in bytes
 * @param consumeQueue    false for prepared and rollback records, which get no queue entry
 */
record DispatchRequest(String topic, int queueId, long queueOffset, long commitLogOffset, int size, long tagsCode,
                       long storeTimestamp, String uniqKey, String keys, boolean consumeQueue) {

    long endOffset() {
        return commitLogOffset + size;
    }
}
