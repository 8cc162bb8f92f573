package io.gantry.broker.topic;

import io.gantry.protocol.message.NameCharacters;
import java.util.Set;

/**
 * Topic names the broker knows by heart and the rule for user topic names: letters, digits, '%',
 * '|', '_' and '-', at most 127 characters (the commit-log V1 record's one-byte topic length), and
 * not one of the system topics producers may not write to.
 */
public final class TopicNames {

    /** The key topic producers auto-create from. */
    public static final String AUTO_CREATE_TOPIC_KEY = "TBW102";
    public static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";
    public static final String SELF_TEST_TOPIC = "SELF_TEST_TOPIC";
    public static final String BENCHMARK_TOPIC = "BenchmarkTest";
    public static final String OFFSET_MOVED_EVENT = "OFFSET_MOVED_EVENT";
    public static final String TRANS_HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
    public static final String TRANS_OP_HALF_TOPIC = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    public static final String TRANS_CHECK_MAX_TIME_TOPIC = "TRANS_CHECK_MAX_TIME_TOPIC";
    public static final String RETRY_PREFIX = "%RETRY%";
    public static final String DLQ_PREFIX = "%DLQ%";
    /** Longest topic name, in characters. */
    public static final int MAX_LENGTH = 127;

    private static final Set<String> NOT_SENDABLE = Set.of(SCHEDULE_TOPIC, TRANS_HALF_TOPIC, TRANS_OP_HALF_TOPIC,
            TRANS_CHECK_MAX_TIME_TOPIC, SELF_TEST_TOPIC, OFFSET_MOVED_EVENT);

    private TopicNames() {
    }

    /** Why {@code topic} is not a legal name, or null if it is. */
    public static String whyIllegal(String topic) {
        if (topic == null || topic.isBlank()) {
            return "the topic name is empty";
        }
        if (topic.length() > MAX_LENGTH) {
            return "the topic name is longer than " + MAX_LENGTH + " characters";
        }
        if (!NameCharacters.isLegalName(topic)) {
            return "the topic [" + topic + "] contains illegal characters, allowed: ^[%|a-zA-Z0-9_-]+$";
        }
        return null;
    }

    /** True for system topics a producer may not send to. */
    public static boolean isNotSendable(String topic) {
        return NOT_SENDABLE.contains(topic);
    }

    public static boolean isRetry(String topic) {
        return topic.startsWith(RETRY_PREFIX);
    }

    public static String retryTopic(String group) {
        return RETRY_PREFIX + group;
    }

    public static String dlqTopic(String group) {
        return DLQ_PREFIX + group;
    }
}
