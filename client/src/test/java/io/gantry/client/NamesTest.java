package io.gantry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void legalNamesPass() {
        assertThatCode(() -> Names.checkTopic("Topic_A-1|%x")).doesNotThrowAnyException();
        assertThatCode(() -> Names.checkTopic("t".repeat(127))).doesNotThrowAnyException();
        assertThatCode(() -> Names.checkGroup("CG-1")).doesNotThrowAnyException();
    }

    @Test
    void illegalNamesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Names.checkTopic("")).isInstanceOf(ValidationException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> Names.checkTopic("a b")).hasMessageContaining("characters");
        assertThatThrownBy(() -> Names.checkTopic("t".repeat(128))).hasMessageContaining("127");
        assertThatThrownBy(() -> Names.checkTopic("TBW102")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> Names.checkGroup("g/1")).hasMessageContaining("characters");
        assertThatThrownBy(() -> Names.checkGroup(null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void compressionRoundTripsAndRefusesOversizedOutput() {
        byte[] body = "gantry ".repeat(2_000).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = Compression.compress(body);
        assertThat(compressed.length).isLessThan(body.length);
        assertThat(Compression.decompress(compressed, body.length)).isEqualTo(body);
        assertThatThrownBy(() -> Compression.decompress(compressed, body.length - 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Compression.decompress(new byte[] {1, 2, 3}, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configParsesNameServersAndRejectsBadOnes() {
        assertThat(ClientConfig.of("a:1; b:2;").nameServers()).containsExactly("a:1", "b:2");
        assertThatThrownBy(() -> ClientConfig.of("")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ClientConfig.of("hostonly")).isInstanceOf(ValidationException.class);
    }
}
