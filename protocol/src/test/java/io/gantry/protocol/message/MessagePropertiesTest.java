package io.gantry.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link MessageProperties#get} is a shortcut for {@code decode(text).get(name)} and must agree with it. */
class MessagePropertiesTest {

    private static final char[] ALPHABET = {'a', 'b', MessageConst.NAME_VALUE_SEPARATOR, MessageConst.PROPERTY_SEPARATOR};
    private static final String[] NAMES = {"", "a", "b", "ab", "ba", "aa", "a\u0001", "a\u0002b"};

    @Test
    void getAgreesWithDecodeOnArbitraryText() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            Map<String, String> decoded = MessageProperties.decode(text.toString());
            for (String name : NAMES) {
                assertThat(MessageProperties.get(text.toString(), name)).as("get(%s, %s)", text, name)
                        .isEqualTo(decoded.get(name));
            }
        }
    }

    @Test
    void getFindsTheLastValueOfARepeatedName() {
        String text = MessageProperties.encode(Map.of("KEYS", "k1")) + MessageConst.PROPERTY_SEPARATOR + "TAGS"
                + MessageConst.NAME_VALUE_SEPARATOR + "t" + MessageConst.PROPERTY_SEPARATOR + "KEYS"
                + MessageConst.NAME_VALUE_SEPARATOR + "k2";
        assertThat(MessageProperties.get(text, "KEYS")).isEqualTo("k2").isEqualTo(MessageProperties.decode(text).get("KEYS"));
        assertThat(MessageProperties.get(text, "TAGS")).isEqualTo("t");
        assertThat(MessageProperties.get(text, "NONE")).isNull();
        assertThat(MessageProperties.get(null, "KEYS")).isNull();
    }
}
