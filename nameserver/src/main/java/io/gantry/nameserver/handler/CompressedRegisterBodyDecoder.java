package io.gantry.nameserver.handler;

import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.body.TopicFilterType;
import io.gantry.protocol.remoting.ProtocolException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the compressed REGISTER_BROKER body (header {@code compressed=true}): a zlib stream of
 * {@code int32 len + DataVersion JSON}, {@code int32 topicCount}, per topic
 * {@code int32 len + "name read write perm filterType[ attributesJson]"}, then
 * {@code int32 len + filterServerList JSON}; integers big-endian. Anything after that (5.x static
 * topic mappings) is ignored. Inflates at most {@link #MAX_INFLATED_BYTES}.
 */
final class CompressedRegisterBodyDecoder {

    /** Limit on the inflated size: a body of a million topics fits in well under this. */
    static final int MAX_INFLATED_BYTES = 128 * 1024 * 1024;

    private CompressedRegisterBodyDecoder() {
    }

    static RegisterBrokerBody decode(byte[] compressed) {
        ByteBuffer in = ByteBuffer.wrap(inflate(compressed));
        try {
            DataVersion dataVersion = RemotingJson.decode(readString(in), DataVersion.class);
            int topicCount = in.getInt();
            if (topicCount < 0 || topicCount > in.remaining() / 4) {
                throw new ProtocolException("compressed register body: bad topic count " + topicCount);
            }
            Map<String, TopicConfig> topics = new LinkedHashMap<>();
            for (int i = 0; i < topicCount; i++) {
                TopicConfig config = parseTopicConfig(readString(in));
                topics.put(config.topicName(), config);
            }
            List<String> filterServers = in.hasRemaining()
                    ? RemotingJson.decode(readString(in).getBytes(StandardCharsets.UTF_8), new TypeReference<List<String>>() { })
                    : List.of();
            return new RegisterBrokerBody(new TopicConfigSerializeWrapper(topics, dataVersion), filterServers);
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("compressed register body is truncated", e);
        }
    }

    private static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] chunk = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ProtocolException("compressed register body ends before its zlib stream does");
                }
                if (out.size() + n > MAX_INFLATED_BYTES) {
                    throw new ProtocolException("compressed register body inflates beyond " + MAX_INFLATED_BYTES + " bytes");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new ProtocolException("compressed register body is not a zlib stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new ProtocolException("compressed register body: bad string length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Parses {@code TopicConfig.encode()}: space-separated name, read, write, perm, filter type, attributes (5.x). */
    static TopicConfig parseTopicConfig(String encoded) {
        String[] parts = encoded.split(" ", 6);
        if (parts.length < 5) {
            throw new ProtocolException("compressed register body: bad topic config \"" + encoded + "\"");
        }
        try {
            TopicFilterType filterType = TopicFilterType.valueOf(parts[4]);
            Map<String, String> attributes = parts.length == 6 && !parts[5].isBlank()
                    ? RemotingJson.decode(parts[5].getBytes(StandardCharsets.UTF_8), new TypeReference<Map<String, String>>() { })
                    : null;
            return new TopicConfig(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    Integer.parseInt(parts[3]), filterType, 0, false, attributes);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("compressed register body: bad topic config \"" + encoded + "\": " + e.getMessage(), e);
        }
    }
}
