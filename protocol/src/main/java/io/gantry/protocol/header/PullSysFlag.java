package io.gantry.protocol.header;

/** Bits of {@link PullMessageRequestHeader#sysFlag()}. */
public final class PullSysFlag {

    /** The request carries a commitOffset to store. */
    public static final int COMMIT_OFFSET = 0x1;
    /** Long polling allowed: the broker may hold the request until a message arrives. */
    public static final int SUSPEND = 0x2;
    /** subscription / expressionType are in the request. */
    public static final int SUBSCRIPTION = 0x4;
    /** Obsolete class filter. */
    public static final int CLASS_FILTER = 0x8;
    /** Sent by lite pull consumers. */
    public static final int LITE_PULL_MESSAGE = 0x10;

    private PullSysFlag() {
    }

    public static boolean hasCommitOffset(int sysFlag) {
        return (sysFlag & COMMIT_OFFSET) != 0;
    }

    public static boolean hasSuspend(int sysFlag) {
        return (sysFlag & SUSPEND) != 0;
    }

    public static boolean hasSubscription(int sysFlag) {
        return (sysFlag & SUBSCRIPTION) != 0;
    }

    public static boolean isLitePull(int sysFlag) {
        return (sysFlag & LITE_PULL_MESSAGE) != 0;
    }

    /** {@code sysFlag} with the COMMIT_OFFSET bit cleared (what a client does when pulling from a slave). */
    public static int clearCommitOffset(int sysFlag) {
        return sysFlag & ~COMMIT_OFFSET;
    }
}
