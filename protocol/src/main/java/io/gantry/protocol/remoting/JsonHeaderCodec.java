package io.gantry.protocol.remoting;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON (serialize type 0) header.
 *
 * <p>Writes what the official codec writes: keys in alphabetical order, absent values left out,
 * extFields in insertion order, plus {@code "serializeTypeCurrentRPC":"JSON"}. Reads what the
 * official decoder accepts: missing {@code language} (JAVA) and {@code version} (0), unknown keys,
 * {@code language} as a name or an ordinal, and non-string extFields values (turned into text).
 */
final class JsonHeaderCodec {

    /** Nesting a header ever needs is 2 (root, extFields); a little slack for odd values, no more. */
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final int MAX_NESTING_DEPTH = 16;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build());

    private JsonHeaderCodec() {
    }

    static RemotingCommand.Builder decode(ByteBuffer header) {
        byte[] bytes = new byte[header.remaining()];
        header.duplicate().get(bytes);
        // Almost every header is plain and is read in one pass; the tree decoder stays the reference for the rest.
        RemotingCommand.Builder plain = PlainJsonHeaderReader.read(bytes);
        return plain != null ? plain : decodeTree(bytes);
    }

    /** The general decoder (a JSON tree); package-private so tests can compare the fast path with it. */
    static RemotingCommand.Builder decodeTree(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("JSON header does not parse: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException("JSON header is not an object");
        }
        RemotingCommand.Builder builder = new RemotingCommand.Builder(intField(root, "code"), intField(root, "flag"))
                .opaque(intField(root, "opaque"))
                .version(intField(root, "version"))
                .language(language(root.get("language")))
                .remark(text(root.get("remark")));
        JsonNode ext = root.get("extFields");
        if (ext != null && !ext.isNull()) {
            if (!ext.isObject()) {
                throw new ProtocolException("JSON header extFields is not an object");
            }
            for (Map.Entry<String, JsonNode> entry : ext.properties()) {
                builder.extField(entry.getKey(), text(entry.getValue()));
            }
        }
        return builder;
    }

    private static int intField(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.parseInt(node.textValue().trim());
            } catch (NumberFormatException e) {
                // fall through to the common error
            }
        }
        throw new ProtocolException("JSON header field " + name + " is not a 32-bit integer: " + abbreviate(node));
    }

    private static LanguageCode language(JsonNode node) {
        if (node == null || node.isNull()) {
            return LanguageCode.JAVA;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? LanguageCode.fromCode(node.intValue()) : LanguageCode.OTHER;
        }
        return LanguageCode.fromName(node.asText());
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    static byte[] encode(RemotingCommand command) {
        byte[] plain = encodePlain(command);
        return plain != null ? plain : encodeWithGenerator(command);
    }

    /**
     * The fast path: when every string is ASCII (printable or control characters, escaped as the generator does), the
     * header is written directly, byte for byte what {@link #encodeWithGenerator} writes for it. Returns null
     * otherwise.
     */
    private static byte[] encodePlain(RemotingCommand command) {
        StringBuilder json = new StringBuilder(160 + 48 * command.extFields().size());
        json.append("{\"code\":").append(command.code());
        if (!command.extFields().isEmpty()) {
            json.append(",\"extFields\":{");
            boolean first = true;
            for (Map.Entry<String, String> entry : command.extFields().entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                if (!appendPlain(json, entry.getKey()) || !appendPlain(json.append(':'), entry.getValue())) {
                    return null;
                }
            }
            json.append('}');
        }
        json.append(",\"flag\":").append(command.flag());
        appendPlain(json.append(",\"language\":"), command.language().name());
        json.append(",\"opaque\":").append(command.opaque());
        if (command.remark() != null && !appendPlain(json.append(",\"remark\":"), command.remark())) {
            return null;
        }
        json.append(",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":").append(command.version()).append('}');
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Appends {@code "text"} escaped as Jackson's generator escapes it (short escapes for quote, backslash,
     * backspace, tab, newline, form feed and carriage return; six-character unicode escapes in upper-case hex for the other
     * control characters), or returns false if the text is not printable ASCII plus control characters. The
     * escapes matter: every message's properties are separated by the control characters 1 and 2.
     */
    private static boolean appendPlain(StringBuilder json, String text) {
        int length = text.length();
        boolean escapes = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c > 0x7E) {
                return false;
            }
            escapes |= c < 0x20 || c == '"' || c == '\\';
        }
        json.append('"');
        if (!escapes) {
            json.append(text);
        } else {
            for (int i = 0; i < length; i++) {
                appendEscaped(json, text.charAt(i));
            }
        }
        json.append('"');
        return true;
    }

    private static void appendEscaped(StringBuilder json, char c) {
        switch (c) {
            case '"' -> json.append("\\\"");
            case '\\' -> json.append("\\\\");
            case '\b' -> json.append("\\b");
            case '\t' -> json.append("\\t");
            case '\n' -> json.append("\\n");
            case '\f' -> json.append("\\f");
            case '\r' -> json.append("\\r");
            default -> {
                if (c < 0x20) {
                    json.append("\\u00").append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xF]);
                } else {
                    json.append(c);
                }
            }
        }
    }

    /** The general encoder (Jackson's generator); package-private so tests can compare the fast path with it. */
    static byte[] encodeWithGenerator(RemotingCommand command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 32 * command.extFields().size());
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("code", command.code());
            if (!command.extFields().isEmpty()) {
                json.writeObjectFieldStart("extFields");
                for (Map.Entry<String, String> entry : command.extFields().entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
            }
            json.writeNumberField("flag", command.flag());
            json.writeStringField("language", command.language().name());
            json.writeNumberField("opaque", command.opaque());
            if (command.remark() != null) {
                json.writeStringField("remark", command.remark());
            }
            json.writeStringField("serializeTypeCurrentRPC", "JSON");
            json.writeNumberField("version", command.version());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

}
