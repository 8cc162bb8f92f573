package io.gantry.compat.common;

import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.remoting.LanguageCode;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.SerializeType;
import io.gantry.simulation.choice.Choices;
import io.gantry.simulation.choice.Many;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws Gantry-side values for the cross-checks: commands, texts, hosts. Everything drawn is
 * representable by both codecs in both serialize types (see {@code CommandChoices} in each compat
 * module for the limits and why); the quirks outside those limits have their own focused tests.
 * The limits live here so that each compat module's {@code CommandChoices}, which draws official
 * commands, draws within exactly the same ones.
 */
public final class GantryChoices {

    /** Letters, digits, punctuation, a space and non-ASCII, so UTF-8 lengths differ from char counts. */
    public static final String TEXT_ALPHABET = "abcXYZ019 _-.:é中";
    public static final String KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    public static final int MAX_EXT_FIELDS = 8;
    public static final int MAX_TEXT_CHARS = 24;
    public static final int MAX_BODY_BYTES = 64;

    private GantryChoices() {
    }

    /** A Gantry command that both serialize types can carry (16-bit code and version, non-empty strings). */
    public static RemotingCommand command(Choices c) {
        RemotingCommand.Builder builder = RemotingCommand.request(c.intBetween(0, Short.MAX_VALUE))
                .serializeType(c.pick(SerializeType.class))
                .language(c.pick(LanguageCode.class))
                .version(c.intBetween(0, Short.MAX_VALUE))
                .opaque(c.intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE))
                .flag(c.intBetween(0, 3));
        if (c.bool()) {
            builder.remark(text(c));
        }
        Many more = c.many(0, MAX_EXT_FIELDS);
        while (more.more()) {
            builder.extField(key(c), text(c));
        }
        if (c.bool()) {
            builder.body(c.bytes(MAX_BODY_BYTES));
        }
        return builder.build();
    }

    /** A non-empty text of at most {@link #MAX_TEXT_CHARS} characters, some non-ASCII. */
    public static String text(Choices c) {
        return nonEmpty(c, TEXT_ALPHABET, MAX_TEXT_CHARS);
    }

    /** A non-empty identifier-like text (letters and digits). */
    public static String key(Choices c) {
        return nonEmpty(c, KEY_ALPHABET, MAX_TEXT_CHARS);
    }

    public static String nonEmpty(Choices c, String alphabet, int maxChars) {
        return alphabet.charAt(c.intBetween(0, alphabet.length() - 1)) + c.string(maxChars - 1, alphabet);
    }

    /** A host: IPv4 or (if allowed, half the time) IPv6 bytes, and a port in 0..65535. */
    public static HostAddress host(Choices c, boolean allowIpv6) {
        int ipBytes = allowIpv6 && c.bool() ? 16 : 4;
        byte[] ip = new byte[ipBytes];
        for (int i = 0; i < ipBytes; i++) {
            ip[i] = (byte) c.intBetween(0, 255);
        }
        if (ipBytes == 16) {
            // Not IPv4-mapped (::ffff:a.b.c.d), which Java's InetAddress turns into a 4-byte address.
            ip[0] = (byte) c.intBetween(1, 255);
        }
        return HostAddress.of(ip, c.intBetween(0, 65535));
    }

    /** Message properties whose names and values hold neither separator and are non-empty. */
    public static Map<String, String> properties(Choices c, int maxEntries) {
        Map<String, String> properties = new LinkedHashMap<>();
        Many more = c.many(0, maxEntries);
        while (more.more()) {
            properties.put(key(c), text(c));
        }
        return properties;
    }
}
