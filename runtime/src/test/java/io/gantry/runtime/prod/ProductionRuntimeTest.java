package io.gantry.runtime.prod;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.runtime.DiskFile;
import io.gantry.runtime.NodeContext;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductionRuntimeTest {

    @TempDir
    Path dataDir;

    @Test
    void wiresANodeAndClosesWhatItOwns() throws Exception {
        NettyTransport shared = new NettyTransport(1);
        try {
            ProductionRuntime runtime = ProductionRuntime.create("broker-a-0", dataDir.resolve("node"), shared);
            NodeContext context = runtime.context();
            assertThat(context.nodeId()).isEqualTo("broker-a-0");
            assertThat(context.clock()).isSameAs(SystemClock.INSTANCE).isSameAs(context.scheduler().clock());
            assertThat(context.network().maxFrameBytes()).isEqualTo(16 * 1024 * 1024);

            try (DiskFile file = context.disk().open("meta", true)) {
                file.write(0, ByteBuffer.wrap(new byte[] {1, 2}));
            }
            assertThat(Files.size(dataDir.resolve("node/meta"))).isEqualTo(2);

            CompletableFuture<String> threadName = new CompletableFuture<>();
            context.scheduler().execute(() -> {
                context.random().nextLong();
                threadName.complete(Thread.currentThread().getName());
            });
            assertThat(threadName.get(5, TimeUnit.SECONDS)).isEqualTo("gantry-broker-a-0-loop");

            runtime.close();
            runtime.close();
            assertThat(runtime.scheduler().isClosed()).isTrue();
            assertThat(shared.isClosed()).isFalse();
        } finally {
            shared.close();
        }
    }

    @Test
    void ownedTransportIsClosedWithTheRuntime() throws Exception {
        ProductionRuntime runtime = ProductionRuntime.create("solo", dataDir);
        runtime.close();
        assertThat(runtime.scheduler().isClosed()).isTrue();
    }

    @Test
    void systemClockReadsTheMachineClocks() {
        long wallBefore = System.currentTimeMillis();
        long nanoBefore = System.nanoTime();
        assertThat(SystemClock.INSTANCE.nanoTime()).isGreaterThanOrEqualTo(nanoBefore);
        assertThat(SystemClock.INSTANCE.wallClockMs()).isGreaterThanOrEqualTo(wallBefore);
        assertThat(SystemClock.INSTANCE.monotonicMs()).isCloseTo(SystemClock.INSTANCE.nanoTime() / 1_000_000L, org.assertj.core.data.Offset.offset(1_000L));
    }
}
