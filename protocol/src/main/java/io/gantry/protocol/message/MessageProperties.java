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

    /**
     * The value {@code decode(text).get(name)} would give (the last valid entry named {@code name}), or null,
     * without building the map: reading one property of a stored record is on the send, dispatch and
     * consume paths.
     */
    public static String get(String text, String name) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String found = null;
        int start = 0;
        int nameLength = name.length();
        while (start < text.length()) {
            int end = text.indexOf(MessageConst.PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = text.length();
            }
            int separator = start + nameLength;
            if (nameLength > 0 && separator < end - 1 && text.charAt(separator) == MessageConst.NAME_VALUE_SEPARATOR
                    && text.regionMatches(start, name, 0, nameLength)
                    && text.indexOf(MessageConst.NAME_VALUE_SEPARATOR, start) == separator) {
                found = text.substring(separator + 1, end);
            }
            start = end + 1;
        }
        return found;
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
