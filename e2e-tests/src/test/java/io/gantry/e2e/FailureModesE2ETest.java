package io.gantry.e2e;

import static io.gantry.e2e.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.client.ClientConfig;
import io.gantry.client.IndeterminateException;
import io.gantry.client.RequestFailedException;
import io.gantry.client.admin.GantryAdmin;
import io.gantry.client.producer.GantryProducer;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.client.producer.SendResult;
import io.gantry.client.producer.SendStatus;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the checkers rely on: a send that certainly did not reach a broker fails definitely
 * ({@link RequestFailedException}); a send whose answer never comes, or whose connection is lost
 * after it went out, is {@link IndeterminateException} (the message may be stored).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FailureModesE2ETest {

    @TempDir
    Path dir;

    @Test
    void aSendToAStoppedBrokerIsADefiniteFailure() throws Exception {
        try (GantryCluster cluster = GantryCluster.start(dir.resolve("cluster"));
                ProductionRuntime runtime = ProductionRuntime.create("client", dir.resolve("client"))) {
            // The default 30 s route refresh keeps the stopped broker's address in the route.
            ClientConfig config = ClientConfig.of(cluster.nameServerAddress());
            GantryProducer producer = GantryProducer.create(runtime.context(), config,
                    ProducerConfig.of("PG_DEFINITE").withSendTimeoutMs(2_000));
            producer.start();
            try {
                SendResult before = producer.send(message("E2EDefinite", "before", "T"));
                assertThat(before.status()).isEqualTo(SendStatus.SEND_OK);
                cluster.stopBroker();
                assertThatThrownBy(() -> producer.send(message("E2EDefinite", "after", "T")))
                        .isInstanceOf(RequestFailedException.class);
                CompletableFuture<SendResult> async = producer.sendAsync(message("E2EDefinite", "after-async", "T"));
                assertThatThrownBy(async::join).isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(RequestFailedException.class);
            } finally {
                producer.shutdown();
            }
        }
    }

    @Test
    void aDefiniteFailureIsRetriedOnTheOtherBroker() throws Exception {
        try (GantryCluster cluster = GantryCluster.start(dir.resolve("cluster"), 2);
                ProductionRuntime runtime = ProductionRuntime.create("client", dir.resolve("client"))) {
            String topic = "E2ETwoBrokers";
            try (GantryAdmin admin = GantryAdmin.create(runtime.context(), cluster.clientConfig())) {
                admin.createTopic(GantryCluster.CLUSTER, topic, 2);
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> admin.topicRoute(topic).queueDatas().size() == 2);
            }
            // The default 30 s route refresh keeps the stopped broker in the producer's route.
            GantryProducer producer = GantryProducer.create(runtime.context(), ClientConfig.of(cluster.nameServerAddress()),
                    ProducerConfig.of("PG_FAILOVER").withSendTimeoutMs(10_000));
            producer.start();
            try {
                Set<String> before = new TreeSet<>();
                for (int i = 0; i < 8; i++) {
                    before.add(producer.send(message(topic, "before-" + i, "T")).queue().brokerName());
                }
                assertThat(before).containsExactly("broker-a", "broker-b");
                cluster.stopBroker("broker-a");
                for (int i = 0; i < 8; i++) {
                    SendResult result = producer.send(message(topic, "after-" + i, "T"));
                    assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                    assertThat(result.queue().brokerName()).isEqualTo("broker-b");
                }
            } finally {
                producer.shutdown();
            }
        }
    }

    @Test
    void aSendThatIsNeverAnsweredIsIndeterminate() throws Exception {
        try (StubBroker stub = StubBroker.start(dir.resolve("stub"), StubBroker.Mode.SILENT);
                ProductionRuntime runtime = ProductionRuntime.create("client", dir.resolve("client"))) {
            GantryProducer producer = GantryProducer.create(runtime.context(), ClientConfig.of(stub.address()).withRpcTimeoutMs(10_000),
                    ProducerConfig.of("PG_SILENT").withSendTimeoutMs(1_000));
            producer.start();
            try {
                assertThatThrownBy(() -> producer.send(message("E2ESilent", "lost-in-silence", "T")))
                        .isInstanceOf(IndeterminateException.class);
                // Not retried: a retry could store a second copy nobody was told about.
                assertThat(stub.sendsReceived()).isEqualTo(1);
                CompletableFuture<SendResult> async = producer.sendAsync(message("E2ESilent", "async", "T"));
                assertThatThrownBy(async::join).hasCauseInstanceOf(IndeterminateException.class);
                assertThat(stub.sendsReceived()).isEqualTo(2);
            } finally {
                producer.shutdown();
            }
        }
    }

    @Test
    void aSendWhoseConnectionIsLostIsIndeterminate() throws Exception {
        try (StubBroker stub = StubBroker.start(dir.resolve("stub"), StubBroker.Mode.HANG_UP);
                ProductionRuntime runtime = ProductionRuntime.create("client", dir.resolve("client"))) {
            GantryProducer producer = GantryProducer.create(runtime.context(), ClientConfig.of(stub.address()).withRpcTimeoutMs(10_000),
                    ProducerConfig.of("PG_HANG_UP").withSendTimeoutMs(20_000));
            producer.start();
            try {
                long startNanos = System.nanoTime();
                assertThatThrownBy(() -> producer.send(message("E2EHangUp", "cut-off", "T")))
                        .isInstanceOf(IndeterminateException.class);
                // Reported when the connection drops, not when the send timeout runs out.
                assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(15));
                assertThat(stub.sendsReceived()).isEqualTo(1);
            } finally {
                producer.shutdown();
            }
        }
    }
}
