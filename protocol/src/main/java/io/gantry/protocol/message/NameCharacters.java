package io.gantry.protocol.message;

/**
 * The one definition of the characters RocketMQ allows in topic and group names: {@code [%|a-zA-Z0-9_-]}.
 * Checked by a loop, not a regex, because the broker and the store check every send and every record read.
 * Says nothing about length limits, which differ per caller (topic 127, group 255, stored topic bytes).
 */
public final class NameCharacters {

    private NameCharacters() {
    }

    /** True for a character (or a byte, widened) allowed in a name. */
    public static boolean isLegal(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '%' || c == '|' || c == '_' || c == '-';
    }

    /** True when {@code name} is non-empty and every character is allowed. */
    public static boolean isLegalName(CharSequence name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isLegal(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
