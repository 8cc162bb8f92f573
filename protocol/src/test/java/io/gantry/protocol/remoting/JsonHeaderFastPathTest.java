package io.gantry.protocol.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The JSON header's fast paths (streaming decode, direct encode) must agree exactly with the general paths they
 * short-cut: same bytes out, same command in, for plain headers and for ones that need the general path.
 */
class JsonHeaderFastPathTest {

    private static final String[] TEXTS = {"", "a", "TopicTest", "PID_1", "x y", "quote\"d", "back\\slash", "tab\tbed",
        "new\nline", "caf\u00e9", "\u4e2d\u6587", "slash/", "del\u007f", "{\"json\":1}", "ctrl\u0001"};

    @Test
    void encodingWritesWhatTheGeneratorWrites() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2_000; i++) {
            RemotingCommand command = randomCommand(random);
            byte[] encoded = JsonHeaderCodec.encode(command);
            assertThat(new String(encoded, StandardCharsets.UTF_8)).as("command %s", command)
                    .isEqualTo(new String(encodeWithGenerator(command), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyAsciiCharacterIsEscapedAsTheGeneratorEscapesIt() {
        for (char c = 0; c < 0x80; c++) {
            String text = "k" + c + "v\u0001x\u0002" + c;
            RemotingCommand command = RemotingCommand.request(10).extField(text, text).remark(text).build();
            assertThat(new String(JsonHeaderCodec.encode(command), StandardCharsets.UTF_8)).as("char %d", (int) c)
                    .isEqualTo(new String(encodeWithGenerator(command), StandardCharsets.UTF_8));
        }
    }

    @Test
    void decodingReadsWhatTheTreeReads() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> headers = new ArrayList<>(List.of("{\"code\":\"12\",\"opaque\":3}", "{\"code\":1.5}",
                "{\"code\":null,\"flag\":null,\"remark\":null,\"extFields\":null}", "{\"language\":3,\"code\":10}",
                "{\"code\":10,\"extFields\":{\"a\":1,\"b\":true,\"c\":null,\"d\":{\"x\":[1,2]},\"e\":\"s\"}}",
                "{\"code\":10,\"extFields\":{\"a\":\"1\",\"a\":\"2\"},\"unknown\":{\"deep\":[{}]},\"code\":11}",
                "{\"code\":4294967296}", "{\"extFields\":{\"a\":\"1\"},\"extFields\":{\"b\":\"2\"}}",
                "{\"extFields\":{\"a\":\"1\"},\"extFields\":null}", "{\"code\":-0,\"version\":409,\"language\":\"GO\"}", "{}",
                "{\"remark\":\"caf\u00e9 \\u00e9 \\\"q\\\"\"}", "{\"code\":01}", "{\"code\":-01}", "{\"code\":1e5}",
                "{\"code\":2147483647,\"opaque\":-2147483648}", "{\"code\":2147483648}", "{\"code\":12a}",
                " \t\r\n{ \"code\" : 10 ,\n\"extFields\" : { \"k\" : \"v\" } } ", "{\"code\":10}trailing",
                "{\"remark\":\"a\\/b\\u0001c\\u0002\\b\\f\\n\\r\\t\\uD83D\\uDE00\\uDE00\"}", "{\"remark\":\"bad \\x\"}",
                "{\"remark\":\"raw \u0001\"}", "{\"remark\":nul}", "{\"remark\":nullx}", "{\"code\":}", "{\"code\":-}",
                "{\"serializeTypeCurrentRPC\":\"JSON\",\"code\":1}", "{\"other\":[1,{\"a\":2}],\"code\":1}",
                "{\"extFields\":{}}", "{\"extFields\":{\"\":\"\"}}", "{\"extFields\":{\"k\\u0041\":\"\\u00e9\"}}",
                "{\"code\":1,}", "{,}", "{", "", "[]", "null", "{\"code\":1 \"flag\":2}", "\uFEFF{\"code\":1}",
                "{\"remark\":\"unterminated", "{\"remark\":\"\\u00\"}", "{\"language\":\"PYTHON\",\"language\":\"GO\"}"));
        for (int i = 0; i < 1_000; i++) {
            headers.add(new String(encodeWithGenerator(randomCommand(random)), StandardCharsets.UTF_8));
        }
        for (String header : headers) {
            byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
            assertThat(outcome(() -> JsonHeaderCodec.decode(ByteBuffer.wrap(bytes)).build())).as(header)
                    .isEqualTo(outcome(() -> JsonHeaderCodec.decodeTree(bytes).build()));
        }
    }

    @Test
    void everyAsciiHeaderTheGeneratorWritesTakesTheFastPath() {
        SplittableRandom random = new SplittableRandom(11);
        int plain = 0;
        for (int i = 0; i < 1_000; i++) {
            String header = new String(encodeWithGenerator(randomCommand(random)), StandardCharsets.UTF_8);
            if (header.chars().allMatch(c -> c < 0x80)) {
                plain++;
                assertThat(PlainJsonHeaderReader.read(header.getBytes(StandardCharsets.UTF_8))).as(header).isNotNull();
            }
        }
        assertThat(plain).as("ASCII headers generated").isGreaterThan(500);
    }

    /** A decoded command with every field shown, or the error it failed with. */
    private static String outcome(Supplier<RemotingCommand> decode) {
        try {
            RemotingCommand command = decode.get();
            return command + " language " + command.language() + " remark " + command.remark();
        } catch (ProtocolException e) {
            return "error: " + e.getMessage();
        }
    }

    @Test
    void aBuiltCommandKeepsItsFieldsWhenItsBuilderChangesLater() {
        RemotingCommand.Builder builder = RemotingCommand.request(10).extField("a", "1");
        RemotingCommand first = builder.build();
        RemotingCommand second = builder.extField("b", "2").extField("a", null).build();
        RemotingCommand third = second.toBuilder().extField("c", "3").build();

        assertThat(first.extFields()).containsExactly(Map.entry("a", "1"));
        assertThat(second.extFields()).containsExactly(Map.entry("b", "2"));
        assertThat(third.extFields()).containsExactly(Map.entry("b", "2"), Map.entry("c", "3"));
    }

    private static RemotingCommand randomCommand(SplittableRandom random) {
        RemotingCommand.Builder builder = random.nextBoolean() ? RemotingCommand.request(random.nextInt(400))
                : RemotingCommand.response(random.nextInt(-5, 300));
        builder.opaque(random.nextInt()).version(random.nextInt(500))
                .language(LanguageCode.values()[random.nextInt(LanguageCode.values().length)]);
        if (random.nextInt(3) == 0) {
            builder.remark(text(random));
        }
        int fields = random.nextInt(6);
        for (int f = 0; f < fields; f++) {
            builder.extField(text(random) + f, text(random));
        }
        return builder.build();
    }

    private static String text(SplittableRandom random) {
        return random.nextInt(4) == 0 ? TEXTS[random.nextInt(TEXTS.length)] : TEXTS[random.nextInt(5)];
    }

    private static byte[] encodeWithGenerator(RemotingCommand command) {
        return JsonHeaderCodec.encodeWithGenerator(command);
    }
}
