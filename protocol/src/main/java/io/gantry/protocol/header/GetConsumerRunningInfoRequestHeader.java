package io.gantry.protocol.header;

/**
 * GET_CONSUMER_RUNNING_INFO (307) request, admin to broker to client.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetConsumerRunningInfoRequestHeader(
        @Required String consumerGroup,
        @Required String clientId,
        boolean jstackEnable) {}
