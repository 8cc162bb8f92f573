package io.gantry.e2e;

import static io.gantry.e2e.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.client.ClientConfig;
import io.gantry.client.IndeterminateException;
import io.gantry.client.RequestFailedException;
import io.gantry.client.producer.GantryProducer;
import io.gantry.client.producer.ProducerConfig;
import io.gantry.client.producer.SendResult;
import io.gantry.client.producer.SendStatus;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.file.Path;
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
    void aSendThatIsNeverAnsweredIsIndeterminate() throws Exception {
        try (StubBroker stub = StubBroker.start(dir.resolve("stub"), StubBroker.Mode.SILENT);
                ProductionRuntime runtime = ProductionRuntime.create("client", dir.resolve("client"))) {
            GantryProducer producer = GantryProducer.create(runtime.context(), ClientConfig.of(stub.address()),
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
            GantryProducer producer = GantryProducer.create(runtime.context(), ClientConfig.of(stub.address()),
                    ProducerConfig.of("PG_HANG_UP").withSendTimeoutMs(2_000));
            producer.start();
            try {
                assertThatThrownBy(() -> producer.send(message("E2EHangUp", "cut-off", "T")))
                        .isInstanceOf(IndeterminateException.class);
                assertThat(stub.sendsReceived()).isEqualTo(1);
            } finally {
                producer.shutdown();
            }
        }
    }
}
