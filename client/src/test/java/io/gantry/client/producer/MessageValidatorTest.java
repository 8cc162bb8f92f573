package io.gantry.client.producer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.client.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageValidatorTest {

    private static final int LIMIT = 100;

    private static Message of(String topic, int bodyBytes) {
        return Message.builder(topic, new byte[bodyBytes]).build();
    }

    @Test
    void acceptsAGoodMessageUpToTheLimit() {
        assertThatCode(() -> MessageValidator.check(of("Good_Topic-1", LIMIT), LIMIT)).doesNotThrowAnyException();
        assertThatCode(() -> MessageValidator.checkBatch(List.of(of("T", 50), of("T", 50)), LIMIT))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsBadTopicEmptyOrOversizedBodyAndBadDelay() {
        assertThatThrownBy(() -> MessageValidator.check(of("a b", 1), LIMIT)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("topic");
        assertThatThrownBy(() -> MessageValidator.check(of("T", 0), LIMIT)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> MessageValidator.check(of("T", LIMIT + 1), LIMIT))
                .isInstanceOf(ValidationException.class).hasMessageContaining("over the limit of " + LIMIT);
        assertThatThrownBy(() -> MessageValidator.check(Message.builder("T", new byte[1]).delayLevel(19).build(), LIMIT))
                .isInstanceOf(ValidationException.class).hasMessageContaining("delay level");
        assertThatThrownBy(() -> MessageValidator.check(null, LIMIT)).isInstanceOf(ValidationException.class);
    }

    @Test
    void rejectsBadBatches() {
        assertThatThrownBy(() -> MessageValidator.checkBatch(List.of(), LIMIT)).hasMessageContaining("empty");
        assertThatThrownBy(() -> MessageValidator.checkBatch(List.of(of("A", 1), of("B", 1)), LIMIT))
                .hasMessageContaining("mixes topics");
        assertThatThrownBy(() -> MessageValidator.checkBatch(List.of(of("T", 60), of("T", 60)), LIMIT))
                .hasMessageContaining("over the limit");
        assertThatThrownBy(() -> MessageValidator.checkBatch(
                List.of(Message.builder("T", new byte[1]).delayLevel(2).build()), LIMIT))
                .hasMessageContaining("delay level");
        assertThatThrownBy(() -> MessageValidator.checkBatch(List.of(of("%RETRY%G", 1)), LIMIT))
                .hasMessageContaining("retry topic");
    }
}
