package io.gantry.simulation.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.NettyTransport;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same echo nodes, unchanged, over the production seams on loopback. */
class EchoOverProductionSeamsTest {

    @Test
    void echoesFlowInOrderOverLoopback(@TempDir Path dir) throws Exception {
        try (NettyTransport transport = new NettyTransport(2);
                ProductionRuntime serverRuntime = ProductionRuntime.create("server", dir.resolve("server"), transport);
                ProductionRuntime clientRuntime = ProductionRuntime.create("client", dir.resolve("client"), transport)) {
            NodeContext serverContext = serverRuntime.context();
            EchoServer server = onLoop(serverContext, ctx -> {
                EchoServer s = new EchoServer(ctx, "127.0.0.1:0");
                s.start();
                return s;
            });
            String address = onLoop(serverContext, ctx -> server.address());
            NodeContext clientContext = clientRuntime.context();
            EchoClient client = onLoop(clientContext, ctx -> {
                EchoClient c = new EchoClient(ctx, address);
                c.start();
                return c;
            });

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> onLoop(clientContext, ctx -> client.echoed()) >= 50);

            onLoop(clientContext, ctx -> {
                client.stop();
                return null;
            });
            long orderViolations = onLoop(clientContext, ctx -> client.orderViolations());
            long echoedFrames = onLoop(serverContext, ctx -> server.echoedFrames());
            assertThat(orderViolations).isZero();
            assertThat(echoedFrames).isGreaterThanOrEqualTo(50);
        }
    }

    /** Runs {@code action} on the node's loop and waits for its result: node state is touched only there. */
    private static <T> T onLoop(NodeContext context, Function<NodeContext, T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.scheduler().execute(() -> {
            try {
                result.complete(action.apply(context));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
