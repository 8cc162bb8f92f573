package io.gantry.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.protocol.message.MessageConst;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message's properties iterate in the order they were set. They are encoded in iteration order, and
 * an order that changes from one JVM to the next (as {@code Map.copyOf}'s does) made the simulation's
 * trace hash differ between two processes replaying the same seed.
 */
class MessagePropertiesOrderTest {

    @Test
    void propertiesKeepTheOrderTheyWereSetIn() {
        List<String> names = new ArrayList<>();
        Message.Builder b = Message.builder("T", "x".getBytes(StandardCharsets.UTF_8)).tags("t").keys("k1", "k2");
        for (int i = 0; i < 20; i++) {
            b.property("p" + i, Integer.toString(i));
        }
        Message m = b.build().withProperty("last", "1");
        names.add(MessageConst.PROPERTY_TAGS);
        names.add(MessageConst.PROPERTY_KEYS);
        for (int i = 0; i < 20; i++) {
            names.add("p" + i);
        }
        names.add("last");
        assertThat(new ArrayList<>(m.properties().keySet())).containsExactlyElementsOf(names);
        assertThatThrownBy(() -> m.properties().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
