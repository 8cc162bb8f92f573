package io.gantry.protocol.header;

/**
 * SEND_MESSAGE / _V2 / SEND_BATCH_MESSAGE response. msgId is the offsetMsgId (comma-joined for a batch); queueOffset is that of the first message. The official client needs all three required fields for codes 0, 10, 11 and 12.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record SendMessageResponseHeader(
        @Required String msgId,
        @Required Integer queueId,
        @Required Long queueOffset,
        String transactionId,
        String batchUniqId) {}
