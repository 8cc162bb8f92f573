package io.gantry.store;

import java.util.Objects;

/**
 * The store's settings, under RocketMQ's key names and with its 4.9.x defaults.
 *
 * <p>Build one with {@link #builder()}; {@link Builder#build()} validates every value and names
 * the offending key. Paths are relative to the node's {@link io.gantry.runtime.Disk} root.
 *
 * @param storePathRootDir                  directory of the store on the node's disk ("store")
 * @param mappedFileSizeCommitLog           commit-log segment size in bytes (1 GiB)
 * @param mappedFileSizeConsumeQueue        consume-queue segment size in bytes, a multiple of 20 (300 000 x 20)
 * @param flushDiskType                     ASYNC_FLUSH (default) or SYNC_FLUSH
 * @param syncFlushTimeout                  ms a SYNC_FLUSH put waits before FLUSH_DISK_TIMEOUT (5000)
 * @param flushIntervalCommitLog            ms between commit-log forces under ASYNC_FLUSH (500)
 * @param flushIntervalConsumeQueue         ms between consume-queue/index forces and checkpoints (1000)
 * @param fileReservedTime                  hours a commit-log segment is kept (72)
 * @param deleteWhen                        hours of day, "04" or "04;16", when expired segments go
 * @param diskMaxUsedSpaceRatio             percent of disk use above which segments are deleted early (75)
 * @param diskSpaceCleanForciblyRatio       percent of disk use above which the oldest segment goes even if young (85)
 * @param diskSpaceWarningLevelRatio        percent of disk use above which puts are refused (90)
 * @param cleanResourceInterval             ms between retention checks (10000)
 * @param maxMessageSize                    largest body accepted, in bytes (4 MiB)
 * @param maxHashSlotNum                    hash slots per index file (5 000 000)
 * @param maxIndexNum                       entries per index file (20 000 000)
 * @param messageIndexEnable                build the key index (true)
 * @param checkCRCOnRecover                 verify body CRCs while recovering (true)
 * @param serveOnlyDurable                  Gantry's rule: consumers never read past the durable commit-log
 *                                          position (defaults to true for SYNC_FLUSH, false for ASYNC_FLUSH)
 * @param maxTransferBytesOnMessageInMemory largest pull result in bytes (256 KiB)
 * @param maxTransferCountOnMessageInMemory largest pull result in messages (32)
 * @param defaultQueryMaxNum                largest key-query result (32)
 */
public record StoreConfig(
        String storePathRootDir,
        int mappedFileSizeCommitLog,
        int mappedFileSizeConsumeQueue,
        FlushDiskType flushDiskType,
        long syncFlushTimeout,
        long flushIntervalCommitLog,
        long flushIntervalConsumeQueue,
        int fileReservedTime,
        String deleteWhen,
        int diskMaxUsedSpaceRatio,
        int diskSpaceCleanForciblyRatio,
        int diskSpaceWarningLevelRatio,
        long cleanResourceInterval,
        int maxMessageSize,
        int maxHashSlotNum,
        int maxIndexNum,
        boolean messageIndexEnable,
        boolean checkCRCOnRecover,
        boolean serveOnlyDurable,
        int maxTransferBytesOnMessageInMemory,
        int maxTransferCountOnMessageInMemory,
        int defaultQueryMaxNum) {

    /** Bytes of one consume-queue entry. */
    public static final int CQ_ENTRY_BYTES = 20;

    public StoreConfig {
        requireText("storePathRootDir", storePathRootDir);
        if (storePathRootDir.startsWith("/") || storePathRootDir.contains("..")) {
            throw bad("storePathRootDir", storePathRootDir, "must be relative, without '..'");
        }
        atLeast("mappedFileSizeCommitLog", mappedFileSizeCommitLog, 4096);
        atLeast("mappedFileSizeConsumeQueue", mappedFileSizeConsumeQueue, CQ_ENTRY_BYTES);
        if (mappedFileSizeConsumeQueue % CQ_ENTRY_BYTES != 0) {
            throw bad("mappedFileSizeConsumeQueue", mappedFileSizeConsumeQueue, "must be a multiple of 20");
        }
        Objects.requireNonNull(flushDiskType, "flushDiskType");
        atLeast("syncFlushTimeout", syncFlushTimeout, 1);
        atLeast("flushIntervalCommitLog", flushIntervalCommitLog, 1);
        atLeast("flushIntervalConsumeQueue", flushIntervalConsumeQueue, 1);
        atLeast("fileReservedTime", fileReservedTime, 0);
        parseDeleteWhen(deleteWhen);
        percent("diskMaxUsedSpaceRatio", diskMaxUsedSpaceRatio);
        percent("diskSpaceCleanForciblyRatio", diskSpaceCleanForciblyRatio);
        percent("diskSpaceWarningLevelRatio", diskSpaceWarningLevelRatio);
        atLeast("cleanResourceInterval", cleanResourceInterval, 1);
        atLeast("maxMessageSize", maxMessageSize, 1);
        // A record must fit a segment with room for the end-of-segment filler.
        if ((long) maxMessageSize + 1024 > mappedFileSizeCommitLog) {
            throw bad("maxMessageSize", maxMessageSize, "must leave room in a commit-log segment of "
                    + mappedFileSizeCommitLog + " bytes");
        }
        atLeast("maxHashSlotNum", maxHashSlotNum, 1);
        atLeast("maxIndexNum", maxIndexNum, 1);
        if (40L + 4L * maxHashSlotNum + 20L * maxIndexNum > Integer.MAX_VALUE) {
            throw bad("maxIndexNum", maxIndexNum, "index file would exceed 2 GiB with maxHashSlotNum " + maxHashSlotNum);
        }
        atLeast("maxTransferBytesOnMessageInMemory", maxTransferBytesOnMessageInMemory, 1);
        atLeast("maxTransferCountOnMessageInMemory", maxTransferCountOnMessageInMemory, 1);
        atLeast("defaultQueryMaxNum", defaultQueryMaxNum, 1);
    }

    /** The hours of day listed in {@link #deleteWhen()}, e.g. "04;16" gives {4, 16}. */
    public int[] deleteWhenHours() {
        return parseDeleteWhen(deleteWhen);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from the defaults. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.storePathRootDir = storePathRootDir;
        b.mappedFileSizeCommitLog = mappedFileSizeCommitLog;
        b.mappedFileSizeConsumeQueue = mappedFileSizeConsumeQueue;
        b.flushDiskType = flushDiskType;
        b.syncFlushTimeout = syncFlushTimeout;
        b.flushIntervalCommitLog = flushIntervalCommitLog;
        b.flushIntervalConsumeQueue = flushIntervalConsumeQueue;
        b.fileReservedTime = fileReservedTime;
        b.deleteWhen = deleteWhen;
        b.diskMaxUsedSpaceRatio = diskMaxUsedSpaceRatio;
        b.diskSpaceCleanForciblyRatio = diskSpaceCleanForciblyRatio;
        b.diskSpaceWarningLevelRatio = diskSpaceWarningLevelRatio;
        b.cleanResourceInterval = cleanResourceInterval;
        b.maxMessageSize = maxMessageSize;
        b.maxHashSlotNum = maxHashSlotNum;
        b.maxIndexNum = maxIndexNum;
        b.messageIndexEnable = messageIndexEnable;
        b.checkCRCOnRecover = checkCRCOnRecover;
        b.serveOnlyDurable = serveOnlyDurable;
        b.maxTransferBytesOnMessageInMemory = maxTransferBytesOnMessageInMemory;
        b.maxTransferCountOnMessageInMemory = maxTransferCountOnMessageInMemory;
        b.defaultQueryMaxNum = defaultQueryMaxNum;
        return b;
    }

    private static int[] parseDeleteWhen(String deleteWhen) {
        requireText("deleteWhen", deleteWhen);
        String[] parts = deleteWhen.split(";");
        int[] hours = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                hours[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw bad("deleteWhen", deleteWhen, "must be hours of day separated by ';'");
            }
            if (hours[i] < 0 || hours[i] > 23) {
                throw bad("deleteWhen", deleteWhen, "hours must be 0..23");
            }
        }
        return hours;
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("store config " + key + " must not be empty");
        }
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw bad(key, value, "must be at least " + min);
        }
    }

    private static void percent(String key, int value) {
        if (value < 10 || value > 95) {
            throw bad(key, value, "must be a percentage in 10..95");
        }
    }

    private static IllegalArgumentException bad(String key, Object value, String why) {
        return new IllegalArgumentException("store config " + key + "=" + value + ": " + why);
    }

    /** Mutable builder with RocketMQ's defaults. */
    public static final class Builder {
        private String storePathRootDir = "store";
        private int mappedFileSizeCommitLog = 1024 * 1024 * 1024;
        private int mappedFileSizeConsumeQueue = 300_000 * CQ_ENTRY_BYTES;
        private FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
        private long syncFlushTimeout = 5000;
        private long flushIntervalCommitLog = 500;
        private long flushIntervalConsumeQueue = 1000;
        private int fileReservedTime = 72;
        private String deleteWhen = "04";
        private int diskMaxUsedSpaceRatio = 75;
        private int diskSpaceCleanForciblyRatio = 85;
        private int diskSpaceWarningLevelRatio = 90;
        private long cleanResourceInterval = 10_000;
        private int maxMessageSize = 4 * 1024 * 1024;
        private int maxHashSlotNum = 5_000_000;
        private int maxIndexNum = 20_000_000;
        private boolean messageIndexEnable = true;
        private boolean checkCRCOnRecover = true;
        private Boolean serveOnlyDurable;
        private int maxTransferBytesOnMessageInMemory = 256 * 1024;
        private int maxTransferCountOnMessageInMemory = 32;
        private int defaultQueryMaxNum = 32;

        private Builder() {
        }

        public Builder storePathRootDir(String v) { storePathRootDir = v; return this; }
        public Builder mappedFileSizeCommitLog(int v) { mappedFileSizeCommitLog = v; return this; }
        public Builder mappedFileSizeConsumeQueue(int v) { mappedFileSizeConsumeQueue = v; return this; }
        public Builder flushDiskType(FlushDiskType v) { flushDiskType = v; return this; }
        public Builder syncFlushTimeout(long v) { syncFlushTimeout = v; return this; }
        public Builder flushIntervalCommitLog(long v) { flushIntervalCommitLog = v; return this; }
        public Builder flushIntervalConsumeQueue(long v) { flushIntervalConsumeQueue = v; return this; }
        public Builder fileReservedTime(int v) { fileReservedTime = v; return this; }
        public Builder deleteWhen(String v) { deleteWhen = v; return this; }
        public Builder diskMaxUsedSpaceRatio(int v) { diskMaxUsedSpaceRatio = v; return this; }
        public Builder diskSpaceCleanForciblyRatio(int v) { diskSpaceCleanForciblyRatio = v; return this; }
        public Builder diskSpaceWarningLevelRatio(int v) { diskSpaceWarningLevelRatio = v; return this; }
        public Builder cleanResourceInterval(long v) { cleanResourceInterval = v; return this; }
        public Builder maxMessageSize(int v) { maxMessageSize = v; return this; }
        public Builder maxHashSlotNum(int v) { maxHashSlotNum = v; return this; }
        public Builder maxIndexNum(int v) { maxIndexNum = v; return this; }
        public Builder messageIndexEnable(boolean v) { messageIndexEnable = v; return this; }
        public Builder checkCRCOnRecover(boolean v) { checkCRCOnRecover = v; return this; }
        /** Overrides the flush-type default of the durable-read rule. */
        public Builder serveOnlyDurable(boolean v) { serveOnlyDurable = v; return this; }
        public Builder maxTransferBytesOnMessageInMemory(int v) { maxTransferBytesOnMessageInMemory = v; return this; }
        public Builder maxTransferCountOnMessageInMemory(int v) { maxTransferCountOnMessageInMemory = v; return this; }
        public Builder defaultQueryMaxNum(int v) { defaultQueryMaxNum = v; return this; }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the bad key. */
        public StoreConfig build() {
            boolean durableOnly = serveOnlyDurable != null
                    ? serveOnlyDurable
                    : flushDiskType == FlushDiskType.SYNC_FLUSH;
            return new StoreConfig(storePathRootDir, mappedFileSizeCommitLog, mappedFileSizeConsumeQueue,
                    flushDiskType, syncFlushTimeout, flushIntervalCommitLog, flushIntervalConsumeQueue,
                    fileReservedTime, deleteWhen, diskMaxUsedSpaceRatio, diskSpaceCleanForciblyRatio,
                    diskSpaceWarningLevelRatio, cleanResourceInterval, maxMessageSize, maxHashSlotNum,
                    maxIndexNum, messageIndexEnable, checkCRCOnRecover, durableOnly,
                    maxTransferBytesOnMessageInMemory, maxTransferCountOnMessageInMemory, defaultQueryMaxNum);
        }
    }
}
