package io.gantry.protocol.message;

/** Bits of a message's {@code sysFlag}, in send headers and stored records. */
public final class MessageSysFlag {

    public static final int COMPRESSED_FLAG = 0x1;
    public static final int MULTI_TAGS_FLAG = 0x2;
    public static final int TRANSACTION_NOT_TYPE = 0;
    public static final int TRANSACTION_PREPARED_TYPE = 0x4;
    public static final int TRANSACTION_COMMIT_TYPE = 0x8;
    public static final int TRANSACTION_ROLLBACK_TYPE = 0xC;
    /** Mask of the two transaction-type bits. */
    public static final int TRANSACTION_TYPE_MASK = 0xC;
    /** The born host is IPv6 (16-byte IP in the record). */
    public static final int BORNHOST_V6_FLAG = 0x10;
    /** The store host is IPv6 (16-byte IP in the record). */
    public static final int STOREHOSTADDRESS_V6_FLAG = 0x20;
    public static final int NEED_UNWRAP_FLAG = 0x40;
    public static final int INNER_BATCH_FLAG = 0x80;
    /** Mask of the compression type; {@code (flag & mask) >> 8}: 0 or 3 = ZLIB, 1 = LZ4, 2 = ZSTD. */
    public static final int COMPRESSION_TYPE_MASK = 0x700;

    private MessageSysFlag() {
    }

    public static int transactionType(int sysFlag) {
        return sysFlag & TRANSACTION_TYPE_MASK;
    }

    /** {@code sysFlag} with its transaction type replaced by {@code type}. */
    public static int withTransactionType(int sysFlag, int type) {
        return (sysFlag & ~TRANSACTION_TYPE_MASK) | (type & TRANSACTION_TYPE_MASK);
    }

    public static boolean isCompressed(int sysFlag) {
        return (sysFlag & COMPRESSED_FLAG) != 0;
    }

    public static boolean isBornHostV6(int sysFlag) {
        return (sysFlag & BORNHOST_V6_FLAG) != 0;
    }

    public static boolean isStoreHostV6(int sysFlag) {
        return (sysFlag & STOREHOSTADDRESS_V6_FLAG) != 0;
    }

    /**
     * True if a record with this flag gets no consume-queue entry (prepared or rollback):
     * such records are stored with queue offset 0.
     */
    public static boolean skipsConsumeQueue(int sysFlag) {
        int type = transactionType(sysFlag);
        return type == TRANSACTION_PREPARED_TYPE || type == TRANSACTION_ROLLBACK_TYPE;
    }
}
