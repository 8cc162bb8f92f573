package io.gantry.protocol.header;

/**
 * SEARCH_OFFSET_BY_TIMESTAMP (29) request; boundaryType (5.x) is LOWER or UPPER.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record SearchOffsetRequestHeader(
        @Required String topic,
        @Required Integer queueId,
        @Required Long timestamp,
        String boundaryType,
        String bname) {}
