package io.gantry.store;

/**
 * A fingerprint of one record (or end-of-segment filler) of a replica's commit log: where it starts,
 * how long it is, and the CRC32 of its bytes. A slave sends its probes to the master, which answers
 * whether it holds the same bytes at the same place ({@link MessageStore#matchesProbe}). A record
 * carries its own physical offset, queue offset and store time, so two logs holding the same record at
 * the same place share the history before it; see docs/ha.md for where this assumption can fail.
 *
 * @param offset    commit-log offset of the record
 * @param sizeBytes length of the record (8 for a filler header)
 * @param crc32     CRC32 of those bytes
 */
public record ReplicaProbe(long offset, int sizeBytes, int crc32) {

    public ReplicaProbe {
        if (offset < 0 || sizeBytes <= 0) {
            throw new IllegalArgumentException("bad probe at " + offset + " of " + sizeBytes + " bytes");
        }
    }

    /** Offset just past the probed bytes. */
    public long endOffset() {
        return offset + sizeBytes;
    }
}
