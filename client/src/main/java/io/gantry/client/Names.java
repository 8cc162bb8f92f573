package io.gantry.client;

import io.gantry.protocol.message.NameCharacters;

/**
 * RocketMQ's naming rules for topics and groups, checked before anything is sent: characters
 * {@code %|a-zA-Z0-9_-}, at most 127 characters for a topic and 255 for a group, and not the
 * auto-create key topic.
 */
public final class Names {

    /** The key topic brokers auto-create topics from. */
    public static final String AUTO_CREATE_TOPIC_KEY = "TBW102";
    /** Prefix of a group's retry topic. */
    public static final String RETRY_PREFIX = "%RETRY%";
    /** Prefix of a group's dead-letter topic. */
    public static final String DLQ_PREFIX = "%DLQ%";
    public static final int MAX_TOPIC_LENGTH = 127;
    public static final int MAX_GROUP_LENGTH = 255;

    private Names() {
    }

    /** Throws {@link ValidationException} unless {@code topic} is a topic a user may send to or subscribe. */
    public static void checkTopic(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new ValidationException("topic is blank");
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            throw new ValidationException("topic longer than " + MAX_TOPIC_LENGTH + " characters: " + topic.length());
        }
        if (!NameCharacters.isLegalName(topic)) {
            throw new ValidationException("topic has characters outside [%|a-zA-Z0-9_-]: " + topic);
        }
        if (topic.equals(AUTO_CREATE_TOPIC_KEY)) {
            throw new ValidationException("topic " + AUTO_CREATE_TOPIC_KEY + " is reserved for auto-creation");
        }
    }

    /** Throws {@link ValidationException} unless {@code group} is a legal producer or consumer group. */
    public static void checkGroup(String group) {
        if (group == null || group.isBlank()) {
            throw new ValidationException("group is blank");
        }
        if (group.length() > MAX_GROUP_LENGTH) {
            throw new ValidationException("group longer than " + MAX_GROUP_LENGTH + " characters: " + group.length());
        }
        if (!NameCharacters.isLegalName(group)) {
            throw new ValidationException("group has characters outside [%|a-zA-Z0-9_-]: " + group);
        }
    }

    public static String retryTopic(String group) {
        return RETRY_PREFIX + group;
    }

    public static boolean isRetryTopic(String topic) {
        return topic.startsWith(RETRY_PREFIX);
    }
}
