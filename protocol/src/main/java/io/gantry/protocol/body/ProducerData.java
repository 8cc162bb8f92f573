package io.gantry.protocol.body;

/** A producer group a client belongs to, in a {@link HeartbeatData}. */
public record ProducerData(String groupName) {
}
