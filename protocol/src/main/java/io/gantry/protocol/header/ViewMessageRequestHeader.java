package io.gantry.protocol.header;

/**
 * VIEW_MESSAGE_BY_ID (33) request: offset is the commit-log physical offset.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record ViewMessageRequestHeader(
        @Required Long offset,
        String topic) {}
