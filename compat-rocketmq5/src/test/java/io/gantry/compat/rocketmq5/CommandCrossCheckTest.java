package io.gantry.compat.rocketmq5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.compat.common.GantryChoices;
import io.gantry.protocol.remoting.LanguageCode;
import io.gantry.protocol.remoting.RemotingCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.SerializeType;
import io.gantry.simulation.choice.Choices;
import io.gantry.simulation.choice.PropertyRunner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole frames cross the two codecs in both directions and both serialize types: Gantry's
 * {@link RemotingCodec} against the official 5.3.1 {@code RemotingCommand.encode/decode}. Each
 * property draws commands both sides can represent; the quirks at the edges have focused tests.
 */
class CommandCrossCheckTest {

    static final int CASES = 2_000;

    @Test
    void gantryEncodesOfficialDecodes() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("5.3.1: Gantry frame -> official decode", c -> {
            RemotingCommand sent = GantryChoices.command(c);
            c.note("sent " + sent);

            org.apache.rocketmq.remoting.protocol.RemotingCommand received =
                    OfficialFrames.decode(bytes(RemotingCodec.encodeWithLengthPrefix(sent)));

            assertThat(received.getSerializeTypeCurrentRPC().name()).isEqualTo(sent.serializeType().name());
            assertThat(received.getCode()).isEqualTo(sent.code());
            assertThat(received.getLanguage().name()).isEqualTo(sent.language().name());
            assertThat(received.getVersion()).isEqualTo(sent.version());
            assertThat(received.getOpaque()).isEqualTo(sent.opaque());
            assertThat(received.getFlag()).isEqualTo(sent.flag());
            assertThat(received.getRemark()).isEqualTo(sent.remark());
            assertThat(orEmpty(received.getExtFields())).isEqualTo(sent.extFields());
            assertThat(orEmpty(received.getBody())).isEqualTo(orEmpty(sent.body()));
        });
    }

    @Test
    void officialEncodesGantryDecodes() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("5.3.1: official frame -> Gantry decode", c -> {
            org.apache.rocketmq.remoting.protocol.RemotingCommand sent = CommandChoices.draw(c);
            c.note("sent " + sent + " as " + sent.getSerializeTypeCurrentRPC());

            RemotingCommand received = gantryDecode(OfficialFrames.encode(sent));

            assertThat(received.serializeType().name()).isEqualTo(sent.getSerializeTypeCurrentRPC().name());
            assertThat(received.code()).isEqualTo(sent.getCode());
            assertThat(received.language().name()).isEqualTo(sent.getLanguage().name());
            assertThat(received.version()).isEqualTo(sent.getVersion());
            assertThat(received.opaque()).isEqualTo(sent.getOpaque());
            assertThat(received.flag()).isEqualTo(sent.getFlag());
            assertThat(received.remark()).isEqualTo(sent.getRemark());
            assertThat(received.extFields()).isEqualTo(orEmpty(sent.getExtFields()));
            assertThat(orEmpty(received.body())).isEqualTo(orEmpty(sent.getBody()));
        });
    }

    /**
     * Stronger than field equality: given the same values, and extFields in the order the official
     * HashMap iterates them, both encoders write the very same bytes in both serialize types.
     */
    @Test
    void bothEncodersWriteIdenticalBytes() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("5.3.1: identical frame bytes", c -> {
            org.apache.rocketmq.remoting.protocol.RemotingCommand official = CommandChoices.draw(c);
            if (official.getExtFields() != null && official.getExtFields().isEmpty()) {
                official.setExtFields(null); // fastjson writes an empty map as {}, Gantry leaves it out
            }
            RemotingCommand gantry = asGantry(official);
            c.note("official " + official + " as " + official.getSerializeTypeCurrentRPC());

            assertThat(bytes(RemotingCodec.encodeWithLengthPrefix(gantry))).isEqualTo(OfficialFrames.encode(official));
        });
    }

    /** The frames 5.x's Netty encoder writes ({@code fastEncodeHeader}) decode in Gantry like {@code encode()}'s. */
    @Test
    void officialFastEncodedFramesDecodeWithGantry() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("5.3.1: official fastEncodeHeader frame -> Gantry", c -> {
            org.apache.rocketmq.remoting.protocol.RemotingCommand sent = CommandChoices.draw(c);
            c.note("sent " + sent + " as " + sent.getSerializeTypeCurrentRPC());

            RemotingCommand fast = gantryDecode(HeaderCrossCheckTest.fastEncode(sent));

            assertThat(fast).isEqualTo(gantryDecode(OfficialFrames.encode(sent)));
        });
    }

    /** Texts JSON must escape or may treat specially: quotes, backslash, controls, DEL, U+2028, an emoji (a surrogate pair). */
    static final List<String> HOSTILE_TOKENS = List.of("a", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0000",
            "\u0001", "\u001f", "\u007f", "\u2028", "\uD83D\uDE00", "é");
    /**
     * Where the JSON bytes differ (the meaning does not): fastjson escapes DEL, U+2028 and U+2029
     * and writes characters outside the BMP raw; Gantry (Jackson) writes the former raw and escapes
     * the latter as a surrogate pair.
     */
    static boolean escapedDifferently(char ch) {
        return ch == '\u007f' || ch == '\u2028' || ch == '\u2029' || Character.isSurrogate(ch);
    }

    /**
     * Escaping: hostile texts in a JSON header cross both ways unchanged, and the bytes agree except
     * for the few characters only fastjson escapes (pinned in {@link #delLineSeparatorAndEmojiAreEscapedDifferently}).
     */
    @Test
    void jsonEscapingAgrees() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("5.3.1: JSON escaping", c -> {
            org.apache.rocketmq.remoting.protocol.RemotingCommand official =
                    org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(c.intBetween(0, 400), null);
            official.setOpaque(c.intBetween(0, 1000));
            official.setRemark(c.bool() ? hostile(c) : null);
            HashMap<String, String> ext = new HashMap<>();
            int fields = c.intBetween(1, 4);
            for (int i = 0; i < fields; i++) {
                ext.put(hostile(c), hostile(c));
            }
            official.setExtFields(ext);
            RemotingCommand gantry = asGantry(official);
            c.note("remark " + official.getRemark() + " extFields " + ext);

            byte[] officialFrame = OfficialFrames.encode(official);
            byte[] gantryFrame = bytes(RemotingCodec.encodeWithLengthPrefix(gantry));

            assertThat(gantryDecode(officialFrame)).isEqualTo(gantry);
            var back = OfficialFrames.decode(gantryFrame);
            assertThat(back.getRemark()).isEqualTo(official.getRemark());
            assertThat(back.getExtFields()).isEqualTo(ext);
            String texts = official.getRemark() + ext;
            if (texts.chars().noneMatch(ch -> escapedDifferently((char) ch))) {
                assertThat(gantryFrame).isEqualTo(officialFrame);
            }
        });
    }

    @Test
    void delLineSeparatorAndEmojiAreEscapedDifferently() throws Exception {
        org.apache.rocketmq.remoting.protocol.RemotingCommand official =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(30, null);
        official.setRemark("x\u007fy\u2028z\uD83D\uDE00");
        String officialText = new String(OfficialFrames.encode(official), StandardCharsets.UTF_8);
        byte[] gantryFrame = bytes(RemotingCodec.encodeWithLengthPrefix(asGantry(official)));

        assertThat(officialText).contains("\"remark\":\"x\\u007Fy\\u2028z\uD83D\uDE00\"");
        assertThat(new String(gantryFrame, StandardCharsets.UTF_8)).contains("\"remark\":\"x\u007fy\u2028z\\uD83D\\uDE00\"");
        assertThat(OfficialFrames.decode(gantryFrame).getRemark()).isEqualTo(official.getRemark());
    }

    private static String hostile(Choices c) {
        StringBuilder text = new StringBuilder(c.pick(HOSTILE_TOKENS));
        int more = c.intBetween(0, 8);
        for (int i = 0; i < more; i++) {
            text.append(c.pick(HOSTILE_TOKENS));
        }
        return text.toString();
    }

    // ---- quirks, each pinned on purpose ----

    @Test
    void binaryEmptyStringsArriveAsNullOrAbsentInBothCodecs() throws Exception {
        RemotingCommand gantry = RemotingCommand.request(30).serializeType(SerializeType.ROCKETMQ)
                .remark("").extField("topic", "").extField("queueId", "1").build();

        org.apache.rocketmq.remoting.protocol.RemotingCommand official =
                OfficialFrames.decode(bytes(RemotingCodec.encodeWithLengthPrefix(gantry)));
        RemotingCommand back = gantryDecode(bytes(RemotingCodec.encodeWithLengthPrefix(gantry)));

        assertThat(official.getRemark()).isNull();
        assertThat(official.getExtFields()).containsEntry("topic", null).containsEntry("queueId", "1");
        assertThat(back.remark()).isNull();
        assertThat(back.extFields()).doesNotContainKey("topic").containsEntry("queueId", "1");
    }

    @Test
    void jsonKeepsEmptyStringsInBothCodecs() throws Exception {
        RemotingCommand gantry = RemotingCommand.request(30).remark("").extField("topic", "").build();

        org.apache.rocketmq.remoting.protocol.RemotingCommand official =
                OfficialFrames.decode(bytes(RemotingCodec.encodeWithLengthPrefix(gantry)));

        assertThat(official.getRemark()).isEmpty();
        assertThat(official.getExtFields()).containsEntry("topic", "");
        assertThat(gantryDecode(OfficialFrames.encode(official)).extFields()).containsEntry("topic", "");
    }

    @Test
    void binaryCodeAndVersionAreSixteenBits() throws Exception {
        org.apache.rocketmq.remoting.protocol.RemotingCommand official =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(70_000, null);
        official.setSerializeTypeCurrentRPC(org.apache.rocketmq.remoting.protocol.SerializeType.ROCKETMQ);
        official.setVersion(40_000);

        RemotingCommand truncated = gantryDecode(OfficialFrames.encode(official));

        // The official encoder silently truncates; both decoders read the signed 16-bit value.
        assertThat(truncated.code()).isEqualTo((int) (short) 70_000);
        assertThat(truncated.version()).isEqualTo((int) (short) 40_000);
        assertThat(OfficialFrames.decode(OfficialFrames.encode(official)).getCode()).isEqualTo(truncated.code());
        // Gantry refuses to send what it cannot represent.
        assertThatThrownBy(() -> RemotingCodec.encode(RemotingCommand.request(70_000)
                .serializeType(SerializeType.ROCKETMQ).build())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonCarriesFullIntCodes() throws Exception {
        RemotingCommand gantry = RemotingCommand.request(70_000).version(40_000).build();

        org.apache.rocketmq.remoting.protocol.RemotingCommand official =
                OfficialFrames.decode(bytes(RemotingCodec.encodeWithLengthPrefix(gantry)));

        assertThat(official.getCode()).isEqualTo(70_000);
        assertThat(official.getVersion()).isEqualTo(40_000);
    }

    @Test
    void jsonHeaderKeysAreSortedLikeFastjson() {
        org.apache.rocketmq.remoting.protocol.RemotingCommand official =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(30, null);
        official.setRemark("r");
        official.addExtField("topic", "T");
        String officialHeader = jsonHeader(OfficialFrames.encode(official));
        String gantryHeader = jsonHeader(bytes(RemotingCodec.encodeWithLengthPrefix(asGantry(official))));

        assertThat(officialHeader).startsWith("{\"code\":30,\"extFields\":{\"topic\":\"T\"},\"flag\":0,\"language\":\"JAVA\"");
        assertThat(gantryHeader).isEqualTo(officialHeader);
    }

    @Test
    void unknownLanguageNameIsOtherInGantryAndNullInOfficial() throws Exception {
        byte[] frame = jsonFrame("{\"code\":30,\"flag\":0,\"language\":\"COBOL\",\"opaque\":1,\"version\":0}");

        assertThat(gantryDecode(frame).language()).isEqualTo(LanguageCode.OTHER);
        assertThat(OfficialFrames.decode(frame).getLanguage()).isNull();
    }

    @Test
    void languageByOrdinalInJsonDecodesTheSameInBoth() throws Exception {
        byte[] frame = jsonFrame("{\"code\":30,\"flag\":0,\"language\":9,\"opaque\":1}");

        assertThat(gantryDecode(frame).language()).isEqualTo(LanguageCode.GO);
        assertThat(OfficialFrames.decode(frame).getLanguage().name()).isEqualTo("GO");
    }

    @Test
    void unknownLanguageByteIsOtherInGantry() throws Exception {
        RemotingCommand known = RemotingCommand.request(30).serializeType(SerializeType.ROCKETMQ).build();
        byte[] frame = bytes(RemotingCodec.encodeWithLengthPrefix(known));
        frame[4 + 4 + 2] = 99; // language byte follows the int16 code

        assertThat(gantryDecode(frame).language()).isEqualTo(LanguageCode.OTHER);
        assertThat(OfficialFrames.decode(frame).getLanguage()).isNull();
    }

    @Test
    void nonStringExtFieldValuesBecomeTextInBoth() throws Exception {
        byte[] frame = jsonFrame("{\"code\":36,\"extFields\":{\"offset\":5,\"group\":\"g\"},\"flag\":0,\"opaque\":1}");

        assertThat(gantryDecode(frame).extFields()).containsEntry("offset", "5").containsEntry("group", "g");
        assertThat(OfficialFrames.decode(frame).getExtFields()).containsEntry("offset", "5").containsEntry("group", "g");
    }

    // ---- helpers ----

    /** The Gantry command with the official command's values, extFields in its iteration order. */
    static RemotingCommand asGantry(org.apache.rocketmq.remoting.protocol.RemotingCommand official) {
        return RemotingCommand.request(official.getCode())
                .flag(official.getFlag())
                .serializeType(SerializeType.valueOf(official.getSerializeTypeCurrentRPC().name()))
                .language(LanguageCode.valueOf(official.getLanguage().name()))
                .version(official.getVersion())
                .opaque(official.getOpaque())
                .remark(official.getRemark())
                .extFields(orEmpty(official.getExtFields()))
                .body(official.getBody())
                .build();
    }

    static RemotingCommand gantryDecode(byte[] frameWithLength) {
        return RemotingCodec.decode(ByteBuffer.wrap(frameWithLength, 4, frameWithLength.length - 4).slice());
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    static byte[] jsonFrame(String header) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length).putInt(4 + json.length).putInt(json.length).put(json).array();
    }

    private static String jsonHeader(byte[] frame) {
        int headerLength = ByteBuffer.wrap(frame, 4, 4).getInt() & 0x00FF_FFFF;
        return new String(frame, 8, headerLength, StandardCharsets.UTF_8);
    }

    static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? new HashMap<>() : map;
    }

    static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }
}
