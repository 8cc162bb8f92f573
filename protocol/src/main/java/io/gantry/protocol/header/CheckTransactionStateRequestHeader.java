package io.gantry.protocol.header;

/**
 * CHECK_TRANSACTION_STATE (39) request, broker to producer, oneway; body = the half-message record.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record CheckTransactionStateRequestHeader(
        @Required Long tranStateTableOffset,
        @Required Long commitLogOffset,
        String msgId,
        String transactionId,
        String offsetMsgId,
        String topic,
        String bname) {}
