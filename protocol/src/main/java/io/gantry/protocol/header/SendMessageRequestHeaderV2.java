package io.gantry.protocol.header;

/**
 * SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320) request header: {@link SendMessageRequestHeader}
 * with one-letter field names, which is what official producers send by default.
 * a producerGroup, b topic, c defaultTopic, d defaultTopicQueueNums, e queueId, f sysFlag,
 * g bornTimestamp, h flag, i properties, j reconsumeTimes, k unitMode, l maxReconsumeTimes,
 * m batch, n bname.
 */
public record SendMessageRequestHeaderV2(
        @Required String a,
        @Required String b,
        @Required String c,
        @Required Integer d,
        @Required Integer e,
        @Required Integer f,
        @Required Long g,
        @Required Integer h,
        String i,
        Integer j,
        boolean k,
        Integer l,
        boolean m,
        String n) {

    /** The same header with long field names. */
    public SendMessageRequestHeader toV1() {
        return new SendMessageRequestHeader(a, b, c, d, e, f, g, h, i, j, k, l, m, n);
    }

    /** The V2 form of {@code v1}. */
    public static SendMessageRequestHeaderV2 fromV1(SendMessageRequestHeader v1) {
        return v1.toV2();
    }
}
