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

    @Override
    public String toString() {
        return cases + " cases, " + puts + " puts, " + crashes + " crashes, " + powerLosses + " power losses, "
                + recoveriesThatCutATornTail + " recoveries cut a torn tail, " + messagesLost
                + " unacknowledged messages lost, " + durableMessagesCheckedAfterPowerLoss
                + " durable messages checked after power loss, " + casesPastTheFirstSegment
                + " cases past the first segment, " + failedDurabilities + " failed durability futures, "
                + flushDiskTimeouts + " FLUSH_DISK_TIMEOUTs, " + readOnlyStores + " stores turned read-only, "
                + offsetsReusedAfterLoss + " queue offsets reused after a loss";
    }
}
