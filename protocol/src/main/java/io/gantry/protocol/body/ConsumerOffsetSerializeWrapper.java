package io.gantry.protocol.body;

import java.util.Map;

/**
 * Consumer offsets: key {@code topic@group}, then queue id to next offset to consume.
 * GET_ALL_CONSUMER_OFFSET body and consumerOffset.json (unquoted queue-id keys accepted).
 */
public record ConsumerOffsetSerializeWrapper(Map<String, Map<Integer, Long>> offsetTable) {

    /** Separator between topic and group in {@link #offsetTable()} keys. */
    public static final String TOPIC_GROUP_SEPARATOR = "@";

    public ConsumerOffsetSerializeWrapper {
        offsetTable = Copies.map(offsetTable);
    }
}
