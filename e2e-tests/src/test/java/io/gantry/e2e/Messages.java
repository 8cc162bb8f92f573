package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.client.producer.Message;
import io.gantry.protocol.message.MessageConst;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds test messages and checks that what arrived is what was sent. */
final class Messages {

    private Messages() {
    }

    /** A message with a tag, a key derived from the body and one user property. */
    static Message message(String topic, String body, String tag) {
        return Message.builder(topic, body.getBytes(StandardCharsets.UTF_8)).tags(tag).keys("k-" + body)
                .property("origin", "e2e-" + body).build();
    }

    static String body(ReceivedMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    /** Body, tags, keys and every user property of {@code sent} arrived unchanged. */
    static void assertArrivedIntact(ReceivedMessage received, Message sent) {
        assertThat(received.topic()).isEqualTo(sent.topic());
        assertThat(received.body().length).as("body length").isEqualTo(sent.body().length);
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).as("body")
                .isEqualTo(new String(sent.body(), StandardCharsets.UTF_8));
        assertThat(received.tags()).isEqualTo(sent.tags());
        assertThat(received.keys()).isEqualTo(sent.keys());
        for (Map.Entry<String, String> property : sent.properties().entrySet()) {
            if (!property.getKey().equals(MessageConst.PROPERTY_DELAY_TIME_LEVEL)) {
                assertThat(received.property(property.getKey())).as("property %s", property.getKey())
                        .isEqualTo(property.getValue());
            }
        }
    }
}
