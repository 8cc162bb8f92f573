package io.gantry.protocol.header;

/**
 * NOTIFY_CONSUMER_IDS_CHANGED (40) request, broker to consumer, oneway.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record NotifyConsumerIdsChangedRequestHeader(
        @Required String consumerGroup) {}
