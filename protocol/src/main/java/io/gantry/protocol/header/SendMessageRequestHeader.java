package io.gantry.protocol.header;

/**
 * SEND_MESSAGE (10) request header, long field names. Processors work with this form; requests
 * with code SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320) carry {@link SendMessageRequestHeaderV2}
 * and convert with {@link SendMessageRequestHeaderV2#toV1()}.
 *
 * @param queueId          target queue; negative means the broker picks one
 * @param sysFlag          MessageSysFlag bits
 * @param bornTimestamp    producer clock, ms
 * @param flag             user flag, stored verbatim
 * @param properties       the 0x01/0x02-encoded properties string
 * @param reconsumeTimes   for %RETRY% sends, the consume attempt count
 * @param maxReconsumeTimes for %RETRY% sends, the group's limit
 * @param batch            true for SEND_BATCH_MESSAGE
 * @param bname            the broker name the client targets
 */
public record SendMessageRequestHeader(
        @Required String producerGroup,
        @Required String topic,
        @Required String defaultTopic,
        @Required Integer defaultTopicQueueNums,
        @Required Integer queueId,
        @Required Integer sysFlag,
        @Required Long bornTimestamp,
        @Required Integer flag,
        String properties,
        Integer reconsumeTimes,
        boolean unitMode,
        Integer maxReconsumeTimes,
        boolean batch,
        String bname) {

    /** The same header with V2's one-letter names. */
    public SendMessageRequestHeaderV2 toV2() {
        return new SendMessageRequestHeaderV2(producerGroup, topic, defaultTopic, defaultTopicQueueNums, queueId,
                sysFlag, bornTimestamp, flag, properties, reconsumeTimes, unitMode, maxReconsumeTimes, batch, bname);
    }
}
