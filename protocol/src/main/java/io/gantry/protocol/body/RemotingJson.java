package io.gantry.protocol.body;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.gantry.protocol.remoting.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * JSON bodies as the official (fastjson) codec writes and reads them, on Jackson.
 *
 * <p>Writes: properties in alphabetical order, nulls left out, enums by name, maps sorted by key,
 * numeric map keys quoted (standard JSON, which official clients accept), maps keyed by
 * {@link MessageQueue} with object keys (the only form official parsers accept for them).
 *
 * <p>Reads: unquoted field names such as {@code {0:"ip:port"}}, object map keys, unknown fields
 * (ignored), unknown enum names (null), missing fields (defaults). Input must be UTF-8. Any
 * failure is a {@link ProtocolException}.
 */
public final class RemotingJson {

    /** Deepest nesting accepted; real bodies nest about 6 levels. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new SimpleModule("gantry-remoting")
                    .addKeyDeserializer(MessageQueue.class, new MessageQueueKeyDeserializer())
                    .addAbstractTypeMapping(Set.class, LinkedHashSet.class))
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    private RemotingJson() {
    }

    /** The body as UTF-8 JSON bytes. */
    public static byte[] encode(Object body) {
        return encodeToString(body).getBytes(StandardCharsets.UTF_8);
    }

    /** The body as JSON text. */
    public static String encodeToString(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + body.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a UTF-8 JSON body.
     *
     * @throws ProtocolException if the bytes are null, empty, not UTF-8, not JSON, or do not fit {@code type}
     */
    public static <T> T decode(byte[] json, Class<T> type) {
        return decode(utf8(json), type);
    }

    /** Decodes JSON text, e.g. a config file's content; see {@link #decode(byte[], Class)}. */
    public static <T> T decode(String json, Class<T> type) {
        return check(read(json, type, null), type.getSimpleName());
    }

    /** Decodes a generic body, e.g. {@code new TypeReference<Map<String, Long>>() {}}. */
    public static <T> T decode(byte[] json, TypeReference<T> type) {
        return check(read(utf8(json), null, type), type.getType().getTypeName());
    }

    private static <T> T read(String json, Class<T> type, TypeReference<T> reference) {
        if (json == null || json.isBlank()) {
            throw new ProtocolException("empty JSON body");
        }
        String text = ObjectKeyQuoter.quoteObjectKeys(json, MAX_NESTING_DEPTH);
        try {
            return type != null ? MAPPER.readValue(text, type) : MAPPER.readValue(text, reference);
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("JSON body does not decode: " + e.getMessage(), e);
        }
    }

    private static <T> T check(T value, String typeName) {
        if (value == null) {
            throw new ProtocolException("JSON body is null, expected " + typeName);
        }
        return value;
    }

    private static String utf8(byte[] bytes) {
        if (bytes == null) {
            throw new ProtocolException("missing JSON body");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("JSON body is not UTF-8: " + e.getMessage(), e);
        }
    }
}
