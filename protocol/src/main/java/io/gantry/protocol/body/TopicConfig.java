package io.gantry.protocol.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A topic's configuration on a broker. Fields missing from JSON take the official defaults
 * (16 read and write queues, perm 6, SINGLE_TAG). {@code attributes} is 5.x only, null when absent.
 */
public record TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm,
                          TopicFilterType topicFilterType, int topicSysFlag, boolean order,
                          Map<String, String> attributes) {

    public static final int DEFAULT_QUEUE_NUMS = 16;
    public static final int DEFAULT_PERM = PermName.READ | PermName.WRITE;

    public TopicConfig {
        topicFilterType = topicFilterType == null ? TopicFilterType.SINGLE_TAG : topicFilterType;
        attributes = Copies.optionalMap(attributes);
    }

    /** A plain read-write topic with the given queue count. */
    public static TopicConfig of(String topicName, int queueNums) {
        return new TopicConfig(topicName, queueNums, queueNums, DEFAULT_PERM, TopicFilterType.SINGLE_TAG, 0, false, null);
    }

    @JsonCreator
    static TopicConfig fromJson(@JsonProperty("topicName") String topicName,
                                @JsonProperty("readQueueNums") Integer readQueueNums,
                                @JsonProperty("writeQueueNums") Integer writeQueueNums,
                                @JsonProperty("perm") Integer perm,
                                @JsonProperty("topicFilterType") TopicFilterType topicFilterType,
                                @JsonProperty("topicSysFlag") Integer topicSysFlag,
                                @JsonProperty("order") Boolean order,
                                @JsonProperty("attributes") Map<String, String> attributes) {
        return new TopicConfig(topicName,
                readQueueNums == null ? DEFAULT_QUEUE_NUMS : readQueueNums,
                writeQueueNums == null ? DEFAULT_QUEUE_NUMS : writeQueueNums,
                perm == null ? DEFAULT_PERM : perm,
                topicFilterType,
                topicSysFlag == null ? 0 : topicSysFlag,
                order != null && order,
                attributes);
    }
}
