package io.gantry.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The result of a consume-queue read.
 *
 * @param status          see {@link GetMessageStatus}
 * @param nextBeginOffset offset the consumer should ask for next
 * @param minOffset       the queue's min offset
 * @param maxOffset       the queue's max offset (exclusive: the next offset to be written)
 * @param messages        the raw stored records, each its own buffer (concatenated they form a pull body)
 */
public record GetMessageResult(GetMessageStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                               List<ByteBuffer> messages) {

    public GetMessageResult {
        messages = List.copyOf(messages);
    }

    public int messageCount() {
        return messages.size();
    }

    /** Total bytes of the records. */
    public int bufferTotalSize() {
        int total = 0;
        for (ByteBuffer b : messages) {
            total += b.remaining();
        }
        return total;
    }

    /** The records concatenated, as a PULL_MESSAGE response body. */
    public byte[] concatenated() {
        byte[] out = new byte[bufferTotalSize()];
        int at = 0;
        for (ByteBuffer b : messages) {
            int n = b.remaining();
            b.duplicate().get(out, at, n);
            at += n;
        }
        return out;
    }
}
