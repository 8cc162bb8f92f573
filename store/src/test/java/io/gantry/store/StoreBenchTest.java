package io.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.runtime.prod.ProductionRuntime;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in append benchmark on the production disk and loop:
 * {@code ./mvnw -B -pl store -am verify -Dtest=StoreBenchTest -Dsurefire.failIfNoSpecifiedTests=false -Dgantry.bench=true}
 * ({@code -Dgantry.bench.dir=/path} picks the disk, default the temp dir;
 * {@code -Dgantry.bench.records=N} the count). SYNC_FLUSH runs keep 256 puts waiting for
 * durability at a time. A first, unreported round warms the JIT up.
 */
@EnabledIfSystemProperty(named = "gantry.bench", matches = "true")
class StoreBenchTest {

    @Test
    void appendThroughput() throws Exception {
        long records = Long.getLong("gantry.bench.records", 200_000);
        Path base = Path.of(System.getProperty("gantry.bench.dir", System.getProperty("java.io.tmpdir")));
        for (int round = 0; round < 2; round++) {
            for (FlushDiskType mode : FlushDiskType.values()) {
                for (int body : new int[] {128, 1024}) {
                    long n = mode == FlushDiskType.SYNC_FLUSH ? records / 4 : records;
                    StoreBenchmark.Result r = runOnce(base, mode, body, n);
                    assertThat(r.appendsPerSecond()).isPositive();
                    if (round == 1) {
                        System.out.println("BENCH " + r);
                    }
                }
            }
        }
    }

    private static StoreBenchmark.Result runOnce(Path base, FlushDiskType mode, int body, long records)
            throws Exception {
        Path dir = Files.createTempDirectory(base, "gantry-bench-");
        try (ProductionRuntime rt = ProductionRuntime.create("bench", dir)) {
            StoreConfig config = StoreConfig.builder().flushDiskType(mode)
                    .mappedFileSizeCommitLog(256 * 1024 * 1024).build();
            CompletableFuture<MessageStore> opened = new CompletableFuture<>();
            // Start-up recovery blocks; before the loop serves anything that is fine.
            rt.scheduler().execute(() -> {
                try {
                    MessageStore s = MessageStore.open(rt.context(), config);
                    s.start();
                    opened.complete(s);
                } catch (Exception e) {
                    opened.completeExceptionally(e);
                }
            });
            MessageStore store = opened.get(60, TimeUnit.SECONDS);
            StoreBenchmark.Result r = StoreBenchmark.run(store, rt.scheduler(), body, records, 256)
                    .get(10, TimeUnit.MINUTES);
            CompletableFuture<Void> closed = new CompletableFuture<>();
            rt.scheduler().execute(() -> store.shutdown().whenComplete((v, e) -> closed.complete(null)));
            closed.get(60, TimeUnit.SECONDS);
            return r;
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
