package io.gantry.store;

/**
 * Counters and positions of a running store.
 *
 * @param putMessageCount       records appended since start
 * @param putMessageBytes       bytes appended since start
 * @param getMessageCount       consume-queue reads since start
 * @param getMessageFoundCount  reads that returned messages
 * @param commitLogMinOffset    oldest commit-log byte still stored
 * @param commitLogMaxOffset    commit-log write position
 * @param commitLogDurableOffset commit-log position covered by a returned force
 * @param dispatchedOffset      records below it are in the consume queues and index
 * @param readOnlyReason        why the store refuses puts, or null
 */
public record StoreStats(long putMessageCount, long putMessageBytes, long getMessageCount, long getMessageFoundCount,
                         long commitLogMinOffset, long commitLogMaxOffset, long commitLogDurableOffset,
                         long dispatchedOffset, String readOnlyReason) {
}
