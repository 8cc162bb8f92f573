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
    private static final int MAX_NESTING_DEPTH = 16;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build());

    private JsonHeaderCodec() {
    }

    static RemotingCommand.Builder decode(ByteBuffer header) {
        byte[] bytes = new byte[header.remaining()];
        header.duplicate().get(bytes);
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
