package io.gantry.simulation.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.client.ClientInstance;
import io.gantry.client.IndeterminateException;
import io.gantry.client.RequestFailedException;
import io.gantry.client.ValidationException;
import io.gantry.client.producer.Message;
import io.gantry.client.producer.MessageQueueSelector;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.client.producer.ProducerCore;
import io.gantry.client.producer.SendResult;
import io.gantry.client.producer.SendStatus;
import io.gantry.client.rpc.ClientRpc;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageIds;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageSysFlag;
import io.gantry.protocol.remoting.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The producer against fake brokers in the simulation: routes, results, retries and the definite/indeterminate split. */
class ProducerSimulationTest {

    private static final String TOPIC = "Orders";

    private final ClientSim sim = new ClientSim(42, "broker-a", "broker-b");
    private final ClientInstance client = sim.client("client");
    private final ProducerCore producer = new ProducerCore(client, ProducerConfig.of("PG"));

    private void start() {
        sim.await(client.context(), producer::start, 5_000);
    }

    private CompletableFuture<SendResult> send(Message message) {
        return sim.run(client.context(), () -> producer.send(message), 10_000);
    }

    private static Message message(String body) {
        return Message.builder(TOPIC, body.getBytes(StandardCharsets.UTF_8)).tags("T").keys("k1").build();
    }

    @Test
    void discoversTheRouteAndDecodesTheSendResult() {
        sim.nameServer.route(TOPIC, 2, "broker-a");
        start();

        SendResult result = send(message("hello")).join();

        assertThat(sim.nameServer.lookups).contains(TOPIC);
        FakeBroker broker = sim.broker("broker-a");
        assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(result.queue().brokerName()).isEqualTo("broker-a");
        MessageRecord stored = broker.queue(TOPIC, result.queue().queueId()).get(0);
        assertThat(result.queueOffset()).isEqualTo(stored.queueOffset());
        assertThat(result.offsetMsgId()).isEqualTo(MessageIds.offsetMsgId(broker.storeHost, stored.commitLogOffset()));
        assertThat(result.msgId()).isEqualTo(stored.property(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX));
        assertThat(stored.property(MessageConst.PROPERTY_TAGS)).isEqualTo("T");
        assertThat(stored.property(MessageConst.PROPERTY_WAIT_STORE_MSG_OK)).isEqualTo("true");
        assertThat(broker.sendHeaders.get(0).producerGroup()).isEqualTo("PG");
    }

    @Test
    void anUnknownTopicIsSentOnTheAutoCreateRouteWithFourQueues() {
        sim.nameServer.route("TBW102", 8, "broker-a");
        start();

        SendResult result = send(message("first")).join();

        assertThat(result.queue().queueId()).isBetween(0, 3);
        assertThat(sim.broker("broker-a").sendHeaders.get(0).defaultTopic()).isEqualTo("TBW102");
        assertThat(sim.broker("broker-a").sendHeaders.get(0).defaultTopicQueueNums()).isEqualTo(4);
    }

    @Test
    void aDefiniteRetryableFailureIsRetriedOnTheOtherBroker() {
        sim.nameServer.route(TOPIC, 1, "broker-a", "broker-b");
        start();
        sim.broker("broker-a").sendBehaviour = FakeBroker.SendBehaviour.ERROR;
        sim.broker("broker-b").sendBehaviour = FakeBroker.SendBehaviour.ERROR;

        // Both fail: three attempts in all (1 + retryTimesWhenSendFailed), then a definite failure.
        CompletableFuture<SendResult> failed = send(message("x"));
        assertThat(failed).isCompletedExceptionally();
        Throwable cause = ClientRpc.unwrap(failed.handle((r, f) -> f).join());
        assertThat(cause).isInstanceOf(RequestFailedException.class);
        assertThat(((RequestFailedException) cause).responseCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        int attempts = sim.broker("broker-a").sendsReceived + sim.broker("broker-b").sendsReceived;
        assertThat(attempts).isEqualTo(3);

        // One broker recovers: whichever broker the send tries first, it ends up stored on broker-b.
        sim.broker("broker-b").sendBehaviour = FakeBroker.SendBehaviour.STORE;
        SendResult result = send(message("y")).join();
        assertThat(result.queue().brokerName()).isEqualTo("broker-b");
    }

    @Test
    void aNonRetryableCodeFailsAtOnce() {
        sim.nameServer.route(TOPIC, 1, "broker-a", "broker-b");
        start();
        for (FakeBroker broker : sim.brokers.values()) {
            broker.sendBehaviour = FakeBroker.SendBehaviour.ERROR;
            broker.errorCode = ResponseCode.MESSAGE_ILLEGAL;
        }

        Throwable cause = ClientRpc.unwrap(send(message("x")).handle((r, f) -> f).join());

        assertThat(cause).isInstanceOf(RequestFailedException.class);
        assertThat(((RequestFailedException) cause).isDefinite()).isTrue();
        assertThat(sim.broker("broker-a").sendsReceived + sim.broker("broker-b").sendsReceived).isEqualTo(1);
    }

    @Test
    void aTimeoutIsIndeterminateAndNotRetried() {
        sim.nameServer.route(TOPIC, 1, "broker-a", "broker-b");
        start();
        sim.brokers.values().forEach(b -> b.sendBehaviour = FakeBroker.SendBehaviour.SILENT);
        long startMs = sim.world.nowMs();

        CompletableFuture<SendResult> outcome = send(message("maybe"));

        Throwable cause = ClientRpc.unwrap(outcome.handle((r, f) -> f).join());
        assertThat(cause).isInstanceOf(IndeterminateException.class);
        assertThat(((IndeterminateException) cause).isDefinite()).isFalse();
        assertThat(sim.broker("broker-a").sendsReceived + sim.broker("broker-b").sendsReceived).isEqualTo(1);
        assertThat(sim.world.nowMs() - startMs).isGreaterThanOrEqualTo(3_000);
    }

    @Test
    void aConnectionLostAfterSendingIsIndeterminateAndNotRetried() {
        sim.nameServer.route(TOPIC, 1, "broker-a", "broker-b");
        start();
        sim.brokers.values().forEach(b -> b.sendBehaviour = FakeBroker.SendBehaviour.CLOSE);

        Throwable cause = ClientRpc.unwrap(send(message("maybe")).handle((r, f) -> f).join());

        assertThat(cause).isInstanceOf(IndeterminateException.class);
        assertThat(sim.broker("broker-a").sendsReceived + sim.broker("broker-b").sendsReceived).isEqualTo(1);
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsSent() {
        sim.nameServer.route(TOPIC, 1, "broker-a");
        start();

        List<Message> bad = List.of(
                Message.builder("bad topic", new byte[] {1}).build(),
                Message.builder("x".repeat(128), new byte[] {1}).build(),
                Message.builder(TOPIC, new byte[0]).build(),
                Message.builder(TOPIC, new byte[ProducerConfig.DEFAULT_MAX_MESSAGE_BYTES + 1]).build());
        for (Message message : bad) {
            Throwable cause = ClientRpc.unwrap(send(message).handle((r, f) -> f).join());
            assertThat(cause).as(message.toString()).isInstanceOf(ValidationException.class);
        }
        assertThat(sim.broker("broker-a").sendsReceived).isZero();
    }

    @Test
    void largeBodiesAreCompressedAndBatchesAndSelectorsWork() {
        sim.nameServer.route(TOPIC, 4, "broker-a");
        start();

        byte[] big = "abc".repeat(3_000).getBytes(StandardCharsets.UTF_8);
        send(Message.builder(TOPIC, big).build()).join();
        SendResult batch = sim.run(client.context(), () -> producer.sendBatch(List.of(message("b0"), message("b1"))),
                10_000).join();
        SendResult keyed1 = sim.run(client.context(), () -> producer.send(message("k"),
                MessageQueueSelector.byShardingKey(), "order-17"), 10_000).join();
        SendResult keyed2 = sim.run(client.context(), () -> producer.send(message("k"),
                MessageQueueSelector.byShardingKey(), "order-17"), 10_000).join();

        FakeBroker broker = sim.broker("broker-a");
        assertThat(broker.sendHeaders.get(0).sysFlag() & MessageSysFlag.COMPRESSED_FLAG).isNotZero();
        assertThat(broker.sendHeaders.get(1).batch()).isTrue();
        assertThat(batch.msgId().split(",")).hasSize(2);
        assertThat(batch.offsetMsgId().split(",")).hasSize(2);
        assertThat(keyed2.queue()).isEqualTo(keyed1.queue());
        assertThat(keyed2.queueOffset()).isEqualTo(keyed1.queueOffset() + 1);
    }
}
