package io.gantry.store;

/**
 * What the checkpoint file records. The first three fields are RocketMQ's (store times of the
 * last flushed commit-log, consume-queue and index data); Gantry recovers by offsets instead,
 * because wall clocks jump, and keeps them after RocketMQ's fields in the same 4096-byte file.
 *
 * @param physicMsgTimestamp store time of the last durable commit-log record
 * @param logicsMsgTimestamp store time of the last record whose consume-queue entry is durable
 * @param indexMsgTimestamp  store time of the last record whose index entries are durable
 * @param physicOffset       commit-log durable position
 * @param logicsOffset       every record below it has its consume-queue entry durable (and is itself durable)
 * @param indexOffset        every record below it has its index entries durable (and is itself durable)
 */
public record CheckpointData(long physicMsgTimestamp, long logicsMsgTimestamp, long indexMsgTimestamp,
                             long physicOffset, long logicsOffset, long indexOffset) {

    /** No checkpoint: nothing is known, recovery starts at the oldest commit-log segment. */
    public static final CheckpointData EMPTY = new CheckpointData(0, 0, 0, 0, 0, 0);
}
