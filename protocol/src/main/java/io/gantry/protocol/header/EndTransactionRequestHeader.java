package io.gantry.protocol.header;

/**
 * END_TRANSACTION (37) request, oneway. commitOrRollback: see TRANSACTION_* constants.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record EndTransactionRequestHeader(
        @Required String producerGroup,
        @Required Long tranStateTableOffset,
        @Required Long commitLogOffset,
        @Required Integer commitOrRollback,
        Boolean fromTransactionCheck,
        @Required String msgId,
        String transactionId,
        String topic,
        String bname) {
    /** commitOrRollback value: unknown; the broker ignores the request. */
    public static final int TRANSACTION_NOT_TYPE = 0;
    /** commitOrRollback value: commit. */
    public static final int TRANSACTION_COMMIT_TYPE = 8;
    /** commitOrRollback value: rollback. */
    public static final int TRANSACTION_ROLLBACK_TYPE = 12;
}
