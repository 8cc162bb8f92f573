package io.gantry.bench.official;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.broker.Broker;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.nameserver.NameServer;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.NettyTransport;
import io.gantry.runtime.prod.ProductionRuntime;
import io.gantry.store.FlushDiskType;
import io.gantry.store.StoreConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the benchmark driver works end to end without measuring anything worth reading: an in-process Gantry
 * (nameserver and broker on loopback) and one short run of every kind of cell, then the report over its rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerBenchSmokeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private NettyTransport transport;
    private ProductionRuntime nameServerRuntime;
    private ProductionRuntime brokerRuntime;
    private NameServer nameServer;
    private Broker broker;
    private String nameServerAddress;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        transport = new NettyTransport(2);
        nameServerRuntime = ProductionRuntime.create("namesrv", dir.resolve("namesrv"), transport);
        brokerRuntime = ProductionRuntime.create("broker", dir.resolve("broker"), transport);
        NodeContext ns = nameServerRuntime.context();
        String bound = onLoop(ns, () -> {
            nameServer = new NameServer(ns, NameServerConfig.defaults().withListen("127.0.0.1", 0));
            return nameServer.start();
        });
        nameServerAddress = "127.0.0.1:" + bound.substring(bound.lastIndexOf(':') + 1);
        BrokerConfig brokerConfig = BrokerConfig.builder().brokerIP1("127.0.0.1").listenPort(0)
                .namesrvAddr(nameServerAddress).build();
        StoreConfig storeConfig = StoreConfig.builder().flushDiskType(FlushDiskType.ASYNC_FLUSH)
                .mappedFileSizeCommitLog(16 * 1024 * 1024).mappedFileSizeConsumeQueue(20 * 10_000)
                .maxHashSlotNum(10_000).maxIndexNum(40_000).build();
        NodeContext bc = brokerRuntime.context();
        onLoop(bc, () -> {
            broker = new Broker(bc, brokerConfig, storeConfig);
            return broker.start();
        });
        await().atMost(WAIT).until(() -> onLoop(bc, broker::successfulRegistrations) > 0);
    }

    @AfterAll
    void stop() throws Exception {
        if (broker != null) {
            CompletableFuture<Void> done = onLoop(brokerRuntime.context(), broker::shutdown);
            done.get(30, TimeUnit.SECONDS);
        }
        if (nameServer != null) {
            onLoop(nameServerRuntime.context(), () -> {
                nameServer.shutdown();
                return null;
            });
        }
        for (AutoCloseable closeable : new AutoCloseable[] {brokerRuntime, nameServerRuntime, transport}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void everyCellMovesMessagesAndTheReportShowsThem(@TempDir Path dir) throws Exception {
        Path rows = dir.resolve("rows.tsv");
        BenchOptions options = BenchOptions.parse(new String[] {"--namesrv", nameServerAddress, "--system", "gantry",
            "--bodies", "128", "--threads", "1,4", "--inflight", "16", "--warmup-ms", "300", "--measure-ms", "500",
            "--backlog", "500", "--out", rows.toString()});

        List<CellResult> results = BrokerBench.run(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));

        assertThat(results).extracting(CellResult::cell)
                .containsExactly("sync-128B-1t", "sync-128B-4t", "async16-128B", "consume-128B");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.messages()).isPositive();
            assertThat(r.failures()).isZero();
        });
        assertThat(results.subList(0, 3)).allSatisfy(r -> assertThat(r.p99Micros()).isGreaterThanOrEqualTo(
                r.p50Micros()).isPositive());
        assertThat(results.get(3).messages()).isEqualTo(500);

        String table = BenchReport.markdown(BenchReport.read(rows), "smoke");
        assertThat(table).contains("| ASYNC_FLUSH | sync-128B-4t |", "| ASYNC_FLUSH | consume-128B |");
    }

    @Test
    void optionsRefuseABadNameserverAndOutOfRangeLimits() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--namesrv", "x"}))
                .hasMessageContaining("--namesrv");
        assertThatThrownBy(() -> BenchOptions.parse(
                new String[] {"--namesrv", "h:1", "--threads", "0"})).hasMessageContaining("--threads");
    }

    private static <T> T onLoop(NodeContext context, Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.scheduler().execute(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
