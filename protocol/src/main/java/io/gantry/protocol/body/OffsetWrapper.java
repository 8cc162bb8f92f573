package io.gantry.protocol.body;

/** Per-queue progress of a group in {@link ConsumeStats}. */
public record OffsetWrapper(long brokerOffset, long consumerOffset, long lastTimestamp) {
}
