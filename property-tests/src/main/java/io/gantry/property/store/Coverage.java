package io.gantry.property.store;

/**
 * Counts what generated cases exercised, so a test can make sure the generator does not drift
 * into only easy cases (no torn tails, no lost records, one segment). Not thread-safe.
 */
public final class Coverage {
    long cases;
    long puts;
    long crashes;
    long powerLosses;
    long recoveriesThatCutATornTail;
    long messagesLost;
    long durableMessagesCheckedAfterPowerLoss;
    long casesPastTheFirstSegment;
    long failedDurabilities;
    long flushDiskTimeouts;
    long readOnlyStores;
    long offsetsReusedAfterLoss;
    long servedToConsumersThenLost;
    long messagesExpired;
    long recordsEndingAtTheSegmentEdge;

    public long cases() {
        return cases;
    }

    public long crashes() {
        return crashes;
    }

    public long powerLosses() {
        return powerLosses;
    }

    public long recoveriesThatCutATornTail() {
        return recoveriesThatCutATornTail;
    }

    public long messagesLost() {
        return messagesLost;
    }

    public long durableMessagesCheckedAfterPowerLoss() {
        return durableMessagesCheckedAfterPowerLoss;
    }

    public long casesPastTheFirstSegment() {
        return casesPastTheFirstSegment;
    }

    public long failedDurabilities() {
        return failedDurabilities;
    }

    public long flushDiskTimeouts() {
        return flushDiskTimeouts;
    }

    public long readOnlyStores() {
        return readOnlyStores;
    }

    public long offsetsReusedAfterLoss() {
        return offsetsReusedAfterLoss;
    }

    /** Records a consumer read that a crash then took back (allowed only without the durable-read rule). */
    public long servedToConsumersThenLost() {
        return servedToConsumersThenLost;
    }

    /** Messages whose segment retention deleted (disk nearly full). */
    public long messagesExpired() {
        return messagesExpired;
    }

    /** Records that end exactly where only the 8-byte filler fits, or at the segment end. */
    public long recordsEndingAtTheSegmentEdge() {
        return recordsEndingAtTheSegmentEdge;
    }

    @Override
    public String toString() {
        return cases + " cases, " + puts + " puts, " + crashes + " crashes, " + powerLosses + " power losses, "
                + recoveriesThatCutATornTail + " recoveries cut a torn tail, " + messagesLost
                + " unacknowledged messages lost, " + durableMessagesCheckedAfterPowerLoss
                + " durable messages checked after power loss, " + casesPastTheFirstSegment
                + " cases past the first segment, " + failedDurabilities + " failed durability futures, "
                + flushDiskTimeouts + " FLUSH_DISK_TIMEOUTs, " + readOnlyStores + " stores turned read-only, "
                + offsetsReusedAfterLoss + " queue offsets reused after a loss, " + servedToConsumersThenLost
                + " records served to consumers then lost, " + messagesExpired + " messages deleted by retention, " + recordsEndingAtTheSegmentEdge
                + " records ending at a segment's edge";
    }
}
