package io.gantry.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The result of a key query.
 *
 * @param messages                 raw stored records whose topic and key really match, newest first
 * @param indexLastUpdateTimestamp store time of the newest indexed message
 * @param indexLastUpdatePhyOffset commit-log offset of the newest indexed message
 */
public record QueryMessageResult(List<ByteBuffer> messages, long indexLastUpdateTimestamp,
                                 long indexLastUpdatePhyOffset) {
    public QueryMessageResult {
        messages = List.copyOf(messages);
    }
}
