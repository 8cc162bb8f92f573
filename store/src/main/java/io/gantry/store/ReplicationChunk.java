package io.gantry.store;

import java.nio.ByteBuffer;

/**
 * Whole commit-log records a master reads for a slave (see {@link MessageStore#readReplicationChunk}).
 *
 * @param startOffset where the bytes start in the master's log
 * @param bytes       the records, possibly ending with one end-of-segment filler header (its zeros implied)
 * @param nextOffset  where the next chunk starts: the end of the bytes, or the next segment after a filler
 */
public record ReplicationChunk(long startOffset, ByteBuffer bytes, long nextOffset) {

    public boolean isEmpty() {
        return !bytes.hasRemaining();
    }
}
