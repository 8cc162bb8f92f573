package io.gantry.protocol.header;

/**
 * CONSUMER_SEND_MSG_BACK (36) request. offset is the commit-log physical offset; delayLevel 0 = broker decides, negative = straight to DLQ.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record ConsumerSendMsgBackRequestHeader(
        @Required Long offset,
        @Required String group,
        @Required Integer delayLevel,
        String originMsgId,
        String originTopic,
        boolean unitMode,
        Integer maxReconsumeTimes,
        String bname) {}
