package io.gantry.client.producer;

import io.gantry.protocol.message.MessageConst;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send: topic, body, and optional tags, keys, user properties, user flag and delay
 * level. Immutable; build with {@link #builder(String, byte[])}. The body array is kept, not copied.
 */
public final class Message {

    private final String topic;
    private final byte[] body;
    private final int flag;
    private final Map<String, String> properties;

    private Message(Builder builder) {
        this.topic = builder.topic;
        this.body = builder.body;
        this.flag = builder.flag;
        // Insertion order, not Map.copyOf: its iteration order changes from one JVM to the next, and the
        // properties are encoded in iteration order (the simulation's replays must match byte for byte).
        this.properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
    }

    public static Builder builder(String topic, byte[] body) {
        return new Builder(topic, body);
    }

    public String topic() {
        return topic;
    }

    /** The body, not copied: do not modify. */
    public byte[] body() {
        return body;
    }

    public int flag() {
        return flag;
    }

    /** Every property: user ones and TAGS, KEYS, DELAY. Unmodifiable. */
    public Map<String, String> properties() {
        return properties;
    }

    public String tags() {
        return properties.get(MessageConst.PROPERTY_TAGS);
    }

    public String keys() {
        return properties.get(MessageConst.PROPERTY_KEYS);
    }

    /** The delay level (1..18), 0 for none. */
    public int delayLevel() {
        String level = properties.get(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
        return level == null ? 0 : Integer.parseInt(level);
    }

    /** The same message with one more property. */
    public Message withProperty(String name, String value) {
        Builder builder = new Builder(topic, body).flag(flag);
        builder.properties.putAll(properties);
        return builder.property(name, value).build();
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", bodyBytes=" + (body == null ? 0 : body.length) + ", properties=" + properties + "]";
    }

    /** Builds a {@link Message}. */
    public static final class Builder {
        private final String topic;
        private final byte[] body;
        private int flag;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String topic, byte[] body) {
            this.topic = topic;
            this.body = body;
        }

        public Builder tags(String tags) {
            return property(MessageConst.PROPERTY_TAGS, tags);
        }

        /** Business keys, indexed by the broker; several are joined with spaces. */
        public Builder keys(String... keys) {
            return property(MessageConst.PROPERTY_KEYS, String.join(" ", keys));
        }

        public Builder keys(Collection<String> keys) {
            return property(MessageConst.PROPERTY_KEYS, String.join(" ", keys));
        }

        /** Delay level 1..18 (1 s .. 2 h); 0 for none. */
        public Builder delayLevel(int level) {
            if (level < 0) {
                throw new IllegalArgumentException("delay level must be >= 0: " + level);
            }
            return property(MessageConst.PROPERTY_DELAY_TIME_LEVEL, level == 0 ? null : Integer.toString(level));
        }

        public Builder flag(int value) {
            this.flag = value;
            return this;
        }

        /** Adds a property; null removes it. */
        public Builder property(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (value == null) {
                properties.remove(name);
            } else {
                properties.put(name, value);
            }
            return this;
        }

        public Message build() {
            return new Message(this);
        }
    }
}
