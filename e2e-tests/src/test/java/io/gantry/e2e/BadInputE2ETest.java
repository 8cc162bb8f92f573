package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.client.ClientConfig;
import io.gantry.client.ValidationException;
import io.gantry.client.consumer.ConsumeStatus;
import io.gantry.client.consumer.ConsumerConfig;
import io.gantry.client.consumer.GantryLitePullConsumer;
import io.gantry.client.consumer.GantryPushConsumer;
import io.gantry.client.consumer.MessageListener;
import io.gantry.client.producer.GantryProducer;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input fails with a clear {@link ValidationException} before anything is sent: the stub
 * broker counts every send it receives, and it receives none.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputE2ETest {

    @TempDir
    static Path dir;

    private static StubBroker stub;
    private static ProductionRuntime runtime;
    private static ClientConfig config;
    private static GantryProducer producer;

    @BeforeAll
    static void start() throws Exception {
        stub = StubBroker.start(dir.resolve("stub"), StubBroker.Mode.SILENT);
        runtime = ProductionRuntime.create("client", dir.resolve("client"));
        config = ClientConfig.of(stub.address()).withRpcTimeoutMs(10_000);
        producer = GantryProducer.create(runtime.context(), config, ProducerConfig.of("PG_BAD"));
        producer.start();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.shutdown();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    private static Message body(String topic, byte[] body) {
        return Message.builder(topic, body).build();
    }

    private static final byte[] ONE_BYTE = {1};

    @Test
    void invalidTopicNames() {
        int sendsBefore = stub.sendsReceived();
        assertThatThrownBy(() -> producer.send(body("bad topic!", ONE_BYTE)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("topic").hasMessageContaining("bad topic!");
        assertThatThrownBy(() -> producer.send(body("t".repeat(128), ONE_BYTE)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("longer than 127");
        assertThatThrownBy(() -> producer.send(body("", ONE_BYTE)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> producer.send(body("TBW102", ONE_BYTE)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> producer.sendOneway(body("bad/topic", ONE_BYTE)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> producer.sendAsync(body("bad/topic", ONE_BYTE)).join())
                .hasCauseInstanceOf(ValidationException.class);
        assertThat(stub.sendsReceived()).isEqualTo(sendsBefore);
    }

    @Test
    void invalidGroupNames() {
        assertThatThrownBy(() -> ProducerConfig.of("bad group")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("group");
        assertThatThrownBy(() -> ConsumerConfig.push("")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> ConsumerConfig.litePull("g".repeat(256))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("longer than 255");
    }

    @Test
    void emptyAndOversizedBodies() {
        int sendsBefore = stub.sendsReceived();
        assertThatThrownBy(() -> producer.send(body("GoodTopic", new byte[0])))
                .isInstanceOf(ValidationException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> producer.send(body("GoodTopic", null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("empty");
        byte[] tooBig = new byte[ProducerConfig.DEFAULT_MAX_MESSAGE_BYTES + 1];
        assertThatThrownBy(() -> producer.send(body("GoodTopic", tooBig)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("over the limit");
        assertThatThrownBy(() -> producer.send(body("GoodTopic", tooBig), new MessageQueue("GoodTopic", StubBroker.BROKER_NAME, 0)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("over the limit");
        byte[] half = new byte[ProducerConfig.DEFAULT_MAX_MESSAGE_BYTES / 2 + 1];
        assertThatThrownBy(() -> producer.send(List.of(body("GoodTopic", half), body("GoodTopic", half))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("over the limit");
        assertThatThrownBy(() -> producer.send(List.of(body("GoodTopic", ONE_BYTE), body("OtherTopic", ONE_BYTE))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("mixes topics");
        assertThatThrownBy(() -> producer.send(List.of())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> producer.send(Message.builder("GoodTopic", ONE_BYTE).delayLevel(19).build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("delay level");
        assertThat(stub.sendsReceived()).isEqualTo(sendsBefore);
    }

    @Test
    void consumersStartedWithoutSubscriptionOrListener() {
        GantryPushConsumer push = GantryPushConsumer.create(runtime.context(), config, ConsumerConfig.push("CG_BAD_PUSH"));
        push.registerListener((MessageListener.Concurrent) messages -> ConsumeStatus.CONSUME_SUCCESS);
        assertThatThrownBy(push::start).isInstanceOf(ValidationException.class).hasMessageContaining("subscription");

        GantryPushConsumer noListener = GantryPushConsumer.create(runtime.context(), config,
                ConsumerConfig.push("CG_BAD_LISTENER"));
        noListener.subscribe("GoodTopic", "*");
        assertThatThrownBy(noListener::start).isInstanceOf(ValidationException.class).hasMessageContaining("listener");

        GantryLitePullConsumer lite = GantryLitePullConsumer.create(runtime.context(), config,
                ConsumerConfig.litePull("CG_BAD_LITE"));
        assertThatThrownBy(lite::start).isInstanceOf(ValidationException.class).hasMessageContaining("subscription");
        assertThatThrownBy(() -> lite.subscribe("bad topic", "*")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> lite.assign(List.of())).isInstanceOf(ValidationException.class);
    }

    @Test
    void aProducerStartedBeforeItsBadMessageStillWorksForGoodOnes() {
        // The validation failures above leave the producer usable; the stub then gets the good send.
        byte[] text = "ok".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> producer.send(body("bad topic", text))).isInstanceOf(ValidationException.class);
        int before = stub.sendsReceived();
        producer.sendOneway(body("GoodTopic", text));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> stub.sendsReceived() == before + 1);
    }
}
