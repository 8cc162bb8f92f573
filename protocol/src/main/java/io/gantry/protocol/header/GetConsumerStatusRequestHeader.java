package io.gantry.protocol.header;

/**
 * INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223) request, and the broker's GET_CONSUMER_STATUS_FROM_CLIENT
 * (221) to each consumer of the group (the same header class in RocketMQ). {@code clientAddr}, despite
 * its name, holds a clientId: when set, only that client is asked.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetConsumerStatusRequestHeader(
        @Required String topic,
        @Required String group,
        String clientAddr) {}
