package io.gantry.protocol.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties string: {@code name 0x01 value 0x02 name 0x01 value ...}.
 *
 * <p>Encoding skips null values and, like 4.x, leaves no trailing 0x02. Decoding accepts a
 * trailing 0x02 (5.x) and keeps an entry only if it has a 0x01 with at least one character on
 * each side; the value is everything after the first 0x01. Order is kept.
 */
public final class MessageProperties {

    private MessageProperties() {
    }

    /** The properties string for {@code properties} (empty string for none). */
    public static String encode(Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            if (text.length() > 0) {
                text.append(MessageConst.PROPERTY_SEPARATOR);
            }
            text.append(entry.getKey()).append(MessageConst.NAME_VALUE_SEPARATOR).append(entry.getValue());
        }
        return text.toString();
    }

    /** The properties in {@code text}, in order; an unmodifiable map, empty for null or empty text. */
    public static Map<String, String> decode(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(MessageConst.PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = text.length();
            }
            int separator = text.indexOf(MessageConst.NAME_VALUE_SEPARATOR, start);
            if (separator > start && separator < end - 1) {
                properties.put(text.substring(start, separator), text.substring(separator + 1, end));
            }
            start = end + 1;
        }
        return Collections.unmodifiableMap(properties);
    }

    /** {@code text} with one property set (replacing any earlier value), keeping the others' order. */
    public static String with(String text, String name, String value) {
        Map<String, String> properties = new LinkedHashMap<>(decode(text));
        properties.put(name, value);
        return encode(properties);
    }

    /** {@code text} without the property {@code name}. */
    public static String without(String text, String name) {
        Map<String, String> properties = new LinkedHashMap<>(decode(text));
        properties.remove(name);
        return encode(properties);
    }
}
