package io.gantry.protocol.body;

/**
 * Version stamp of a broker's topic or group table. Two versions are equal when both fields are.
 * The timestamp is the wall clock of the node that bumped it.
 */
public record DataVersion(long timestamp, long counter) {

    /** The next version: counter + 1, stamped {@code nowMs} (the caller reads its Clock). */
    public DataVersion next(long nowMs) {
        return new DataVersion(nowMs, counter + 1);
    }
}
