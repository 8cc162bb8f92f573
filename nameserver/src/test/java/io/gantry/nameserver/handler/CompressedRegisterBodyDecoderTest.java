package io.gantry.nameserver.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicFilterType;
import io.gantry.protocol.remoting.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class CompressedRegisterBodyDecoderTest {

    /** Builds the compressed layout the reference describes, independently of the decoder. */
    private static byte[] compressed(String dataVersionJson, String[] topicLines, String filterServersJson) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        writeString(plain, dataVersionJson);
        plain.writeBytes(ByteBuffer.allocate(4).putInt(topicLines.length).array());
        for (String line : topicLines) {
            writeString(plain, line);
        }
        writeString(plain, filterServersJson);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(plain.toByteArray());
        deflater.finish();
        byte[] out = new byte[plain.size() + 256];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    @Test
    void decodes4xAnd5xTopicLines() {
        byte[] body = compressed("{\"counter\":7,\"timestamp\":1700000000000}",
                new String[] {"T 4 4 6 SINGLE_TAG", "M 2 3 4 MULTI_TAG {\"+message.type\":\"NORMAL\"}"}, "[]");

        RegisterBrokerBody decoded = RegisterBrokerBodyDecoder.decode(body, true, 409);

        assertThat(decoded.topicConfigSerializeWrapper().dataVersion()).isEqualTo(new DataVersion(1_700_000_000_000L, 7));
        Map<String, TopicConfig> topics = decoded.topicConfigSerializeWrapper().topicConfigTable();
        assertThat(topics).containsOnlyKeys("T", "M");
        assertThat(topics.get("T")).isEqualTo(TopicConfig.of("T", 4));
        TopicConfig m = topics.get("M");
        assertThat(m.readQueueNums()).isEqualTo(2);
        assertThat(m.writeQueueNums()).isEqualTo(3);
        assertThat(m.perm()).isEqualTo(4);
        assertThat(m.topicFilterType()).isEqualTo(TopicFilterType.MULTI_TAG);
        assertThat(m.attributes()).containsExactly(Map.entry("+message.type", "NORMAL"));
        assertThat(decoded.filterServerList()).isEmpty();
    }

    @Test
    void rejectsGarbageAndTruncation() {
        assertThatThrownBy(() -> CompressedRegisterBodyDecoder.decode("not zlib".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class);
        byte[] body = compressed("{\"counter\":1,\"timestamp\":1}", new String[] {"T 4 4 6 SINGLE_TAG"}, "[]");
        assertThatThrownBy(() -> CompressedRegisterBodyDecoder.decode(Arrays.copyOf(body, body.length / 2)))
                .isInstanceOf(ProtocolException.class);
        byte[] badLine = compressed("{\"counter\":1,\"timestamp\":1}", new String[] {"T four 4 6 SINGLE_TAG"}, "[]");
        assertThatThrownBy(() -> CompressedRegisterBodyDecoder.decode(badLine))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("T four");
    }
}
