package io.gantry.protocol.header;

/**
 * QUERY_MESSAGE (12) request. The client also sends ext key _UNIQUE_KEY_QUERY (see UNIQUE_KEY_QUERY).
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record QueryMessageRequestHeader(
        @Required String topic,
        @Required String key,
        @Required Integer maxNum,
        @Required Long beginTimestamp,
        @Required Long endTimestamp) {
    /** Extra extFields key the client adds: "true" when {@code key} is a UNIQ_KEY, "false" for a KEYS value. */
    public static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";
}
