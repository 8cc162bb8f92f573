package io.gantry.protocol.body;

/** Per-queue offsets of a topic in {@link TopicStatsTable}. */
public record TopicOffset(long minOffset, long maxOffset, long lastUpdateTimestamp) {
}
