package io.gantry.protocol.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemotingCodecTest {

    private static final String GET_MAX_OFFSET_JSON =
            "{\"code\":30,\"extFields\":{\"queueId\":\"1\",\"topic\":\"T\"},\"flag\":0,\"language\":\"JAVA\","
                    + "\"opaque\":7,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":0}";

    private static RemotingCommand getMaxOffset(SerializeType type, String remark) {
        return RemotingCommand.request(RequestCode.GET_MAX_OFFSET)
                .version(0).opaque(7)
                .extField("queueId", "1").extField("topic", "T")
                .remark(remark)
                .serializeType(type)
                .build();
    }

    /** Strips the 4-byte total length, as the Network seam does. */
    private static ByteBuffer frameOf(byte[] withLengthPrefix) {
        return ByteBuffer.wrap(withLengthPrefix, 4, withLengthPrefix.length - 4).slice();
    }

    private static byte[] jsonFrame(String json, byte[] body) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + header.length + body.length).putInt(header.length).put(header).put(body).array();
    }

    @Test
    void encodesJsonHeaderExactlyAsTheOfficialCodec() {
        String expected = "0000008a00000086" + hexOf(GET_MAX_OFFSET_JSON);
        assertThat(Hex.of(RemotingCodec.encodeWithLengthPrefix(getMaxOffset(SerializeType.JSON, null)))).isEqualTo(expected);
    }

    private static String hexOf(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesHandBuiltJsonFrame() {
        byte[] wire = Hex.bytes("0000008a 00000086 " + hexOf(GET_MAX_OFFSET_JSON));
        RemotingCommand command = RemotingCodec.decode(frameOf(wire));
        assertThat(command.code()).isEqualTo(30);
        assertThat(command.opaque()).isEqualTo(7);
        assertThat(command.version()).isZero();
        assertThat(command.flag()).isZero();
        assertThat(command.isResponse()).isFalse();
        assertThat(command.language()).isEqualTo(LanguageCode.JAVA);
        assertThat(command.extFields()).containsExactly(Map.entry("queueId", "1"), Map.entry("topic", "T"));
        assertThat(command.body()).isNull();
        assertThat(command.serializeType()).isEqualTo(SerializeType.JSON);
        assertThat(command).isEqualTo(getMaxOffset(SerializeType.JSON, null));
    }

    @Test
    void decodesAndEncodesHandBuiltBinaryFrame() {
        byte[] wire = Hex.bytes("00000035 01000031 001e 00 0000 00000007 00000000 00000002 6869 0000001a"
                + " 0007 71756575654964 00000001 31 0005 746f706963 00000001 54");
        RemotingCommand command = RemotingCodec.decode(frameOf(wire));
        assertThat(command).isEqualTo(getMaxOffset(SerializeType.ROCKETMQ, "hi"));
        assertThat(Hex.of(RemotingCodec.encodeWithLengthPrefix(command))).isEqualTo(Hex.of(ByteBuffer.wrap(wire)));
    }

    @Test
    void decodesPullResponseKeepingExtFieldsOrderAndBody() {
        String json = "{\"code\":19,\"extFields\":{\"suggestWhichBrokerId\":\"0\",\"nextBeginOffset\":\"10\","
                + "\"maxOffset\":\"10\",\"minOffset\":\"0\"},\"flag\":1,\"language\":\"JAVA\",\"opaque\":7,"
                + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":0}";
        RemotingCommand command = RemotingCodec.decode(ByteBuffer.wrap(jsonFrame(json, new byte[] {1, 2, 3})));
        assertThat(command.isResponse()).isTrue();
        assertThat(command.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertThat(command.extFields().keySet()).containsExactly("suggestWhichBrokerId", "nextBeginOffset", "maxOffset", "minOffset");
        assertThat(command.body()).containsExactly(1, 2, 3);
    }

    @Test
    void toleratesWhatTheOfficialDecoderTolerates() {
        RemotingCommand minimal = RemotingCodec.decode(ByteBuffer.wrap(jsonFrame("{\"code\":34,\"flag\":2,\"opaque\":9}", new byte[0])));
        assertThat(minimal.language()).isEqualTo(LanguageCode.JAVA);
        assertThat(minimal.version()).isZero();
        assertThat(minimal.isOneway()).isTrue();
        assertThat(minimal.extFields()).isEmpty();

        RemotingCommand odd = RemotingCodec.decode(ByteBuffer.wrap(jsonFrame(
                "{\"code\":\"15\",\"language\":9,\"unknown\":[1,2],\"extFields\":{\"offset\":5,\"ok\":true,\"n\":null},\"remark\":null}",
                new byte[0])));
        assertThat(odd.code()).isEqualTo(15);
        assertThat(odd.language()).isEqualTo(LanguageCode.GO);
        assertThat(odd.extFields()).containsExactly(Map.entry("offset", "5"), Map.entry("ok", "true"));
        assertThat(odd.remark()).isNull();

        RemotingCommand unknownLanguage = RemotingCodec.decode(ByteBuffer.wrap(jsonFrame("{\"code\":1,\"language\":\"COBOL\"}", new byte[0])));
        assertThat(unknownLanguage.language()).isEqualTo(LanguageCode.OTHER);
    }

    @Test
    void roundTripsBothHeaderTypes() {
        for (SerializeType type : SerializeType.values()) {
            RemotingCommand command = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                    .opaque(-42).language(LanguageCode.CPP).version(475).oneway()
                    .remark("rémark ✓")
                    .extField("a", "PG").extField("b", "Topic\u0001A").extField("i", "KEYS\u0001k\u0002TAGS\u0001t")
                    .body("body bytes".getBytes(StandardCharsets.UTF_8))
                    .serializeType(type)
                    .build();
            ByteBuffer encoded = RemotingCodec.encode(command);
            assertThat(RemotingCodec.decode(encoded)).as(type.name()).isEqualTo(command);
            assertThat(encoded.position()).as("decode leaves the buffer alone").isZero();
        }
    }

    @Test
    void responseUsesTheRequestsSerializeTypeAndOpaque() {
        RemotingCommand request = getMaxOffset(SerializeType.ROCKETMQ, null);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS).extField("offset", "3").build();
        assertThat(response.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(response.opaque()).isEqualTo(7);
        assertThat(response.isResponse()).isTrue();
        assertThat(response.version()).isEqualTo(RemotingCommand.DEFAULT_VERSION);
        ByteBuffer encoded = RemotingCodec.encode(response);
        assertThat(encoded.get(0)).isEqualTo((byte) 1);
        assertThat(RemotingCodec.decode(encoded)).isEqualTo(response);
    }

    @Test
    void errorResponsesEchoTheRequest() {
        RemotingCommand request = getMaxOffset(SerializeType.ROCKETMQ, null).toBuilder().code(RequestCode.POP_MESSAGE - 200000).build();
        RemotingCommand response = RemotingCommand.notSupported(request);
        assertThat(response.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        assertThat(response.remark()).contains("50");
        assertThat(response.opaque()).isEqualTo(7);
        assertThat(response.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(RemotingCodec.decode(RemotingCodec.encode(response))).isEqualTo(response);
    }

    @Test
    void binaryHeaderDropsEmptyStringsLikeTheOfficialDecoder() {
        RemotingCommand command = RemotingCommand.request(10).remark("").extField("k", "").extField("x", "y")
                .serializeType(SerializeType.ROCKETMQ).build();
        RemotingCommand decoded = RemotingCodec.decode(RemotingCodec.encode(command));
        assertThat(decoded.remark()).isNull();
        assertThat(decoded.extFields()).containsExactly(Map.entry("x", "y"));
    }

    @Test
    void binaryHeaderCannotCarryCodesBeyond16Bits() {
        RemotingCommand pop = RemotingCommand.request(RequestCode.POP_MESSAGE).serializeType(SerializeType.ROCKETMQ).build();
        assertThatThrownBy(() -> RemotingCodec.encode(pop)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
        RemotingCommand json = pop.toBuilder().serializeType(SerializeType.JSON).build();
        assertThat(RemotingCodec.decode(RemotingCodec.encode(json)).code()).isEqualTo(200050);
    }

    @Test
    void rejectsMalformedFramesWithReasons() {
        assertThatThrownBy(() -> RemotingCodec.decode(ByteBuffer.wrap(new byte[] {0, 0})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("shorter");
        assertThatThrownBy(() -> RemotingCodec.decode(ByteBuffer.wrap(Hex.bytes("02000000"))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("serialize type 2");
        assertThatThrownBy(() -> RemotingCodec.decode(ByteBuffer.wrap(Hex.bytes("00ffffff 7b7d"))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> RemotingCodec.decode(ByteBuffer.wrap(jsonFrame("[1,2]", new byte[0]))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("not an object");
        assertThatThrownBy(() -> RemotingCodec.decode(ByteBuffer.wrap(jsonFrame("{\"code\":1,\"extFields\":[]}", new byte[0]))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("extFields");
        assertThatThrownBy(() -> RemotingCodec.decode(ByteBuffer.wrap(jsonFrame("{\"code\":1.5}", new byte[0]))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("code");
        assertThatThrownBy(() -> RemotingCodec.decode(ByteBuffer.wrap(jsonFrame("{\"code\":", new byte[0]))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("does not parse");
        assertThatThrownBy(() -> RemotingCodec.decode(ByteBuffer.wrap(Hex.bytes("01000011 001e 00 0000 00000007 00000000 7fffffff"))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("remark length");
    }

    @Test
    void decodesFromDirectBuffersToo() {
        ByteBuffer heap = RemotingCodec.encode(getMaxOffset(SerializeType.ROCKETMQ, "r"));
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining()).put(heap.duplicate()).flip();
        assertThat(RemotingCodec.decode(direct)).isEqualTo(getMaxOffset(SerializeType.ROCKETMQ, "r"));
    }

    @Test
    void namesCodesForLogs() {
        assertThat(RequestCode.nameOf(RequestCode.LITE_PULL_MESSAGE)).isEqualTo("LITE_PULL_MESSAGE");
        assertThat(ResponseCode.nameOf(17)).isEqualTo("TOPIC_NOT_EXIST");
        assertThat(RequestCode.nameOf(99999)).isEqualTo("UNKNOWN(99999)");
    }
}
