package io.gantry.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.runtime.Connection;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimNetworkTest {

    private static final String ADDRESS = "server:10911";

    private final SimWorld world = new SimWorld(SimConfig.defaults(7)
            .withLinkLatencyMicros(100, 2_000, 5_000) // jitter larger than the gap between sends
            .withResetAfterMs(5_000)
            .withMaxFrameBytes(1_024));
    private final SimNode server = world.addNode("server");
    private final SimNode client = world.addNode("client");
    private final RecordingHandler serverHandler = new RecordingHandler(server);
    private final RecordingHandler clientHandler = new RecordingHandler(client);

    /** Listens on the server, connects from the client, and returns the client's end. */
    private Connection connect() throws IOException {
        server.context().network().listen(ADDRESS, serverHandler);
        CompletableFuture<Connection> future = client.context().network().connect(ADDRESS, clientHandler);
        assertThat(world.runUntil(future::isDone, 1_000)).isTrue();
        assertThat(serverHandler.opened).hasSize(1);
        assertThat(clientHandler.opened).hasSize(1);
        return future.join();
    }

    private Connection serverEnd() {
        return serverHandler.opened.get(0);
    }

    @Test
    void framesArriveInOrderDespiteJitterAndCallbacksRunOnTheLoop() throws IOException {
        Connection c = connect();
        int count = 1_000;
        for (int i = 0; i < count; i++) {
            c.send(RecordingHandler.frame(i));
            world.runFor(0); // interleave: sends at the same instant but separate jitter draws
        }
        for (int i = 0; i < count; i++) {
            serverEnd().send(RecordingHandler.frame(-i));
        }
        world.runUntilIdle();
        assertThat(serverHandler.frames).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        assertThat(clientHandler.frames).containsExactlyElementsOf(IntStream.range(0, count).map(i -> -i).boxed().toList());
        assertThat(serverHandler.allCallbacksOnLoop).isTrue();
        assertThat(clientHandler.allCallbacksOnLoop).isTrue();
    }

    @Test
    void receiverGetsItsOwnCopyOfEachFrame() throws IOException {
        Connection c = connect();
        ByteBuffer buf = RecordingHandler.frame(1);
        c.send(buf);
        buf.putInt(0, 2);
        world.runUntilIdle();
        assertThat(serverHandler.frames).containsExactly(1);
    }

    @Test
    void oversizedFrameIsRejectedOnSend() throws IOException {
        Connection c = connect();
        assertThatThrownBy(() -> c.send(ByteBuffer.allocate(1_025))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectToAnUnknownAddressFailsAfterLatency() {
        CompletableFuture<Connection> f = client.context().network().connect("nowhere:1", clientHandler);
        assertThat(f).isNotDone();
        world.runUntilIdle();
        assertThat(f).failsWithin(java.time.Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ConnectException.class);
        assertThat(world.nowNanos()).isPositive();
    }

    @Test
    void resetLosesFramesInFlightAndBothEndsSeeACause() throws IOException {
        Connection c = connect();
        c.send(RecordingHandler.frame(1));
        world.network().reset(c);
        world.runUntilIdle();
        assertThat(serverHandler.frames).isEmpty();
        assertThat(serverHandler.closes).isEqualTo(1);
        assertThat(clientHandler.closes).isEqualTo(1);
        assertThat(serverHandler.closeCauses.get(0)).isInstanceOf(IOException.class);
        assertThat(clientHandler.closeCauses.get(0)).isInstanceOf(IOException.class);
        assertThat(c.isOpen()).isFalse();
        assertThat(serverEnd().isOpen()).isFalse();
    }

    @Test
    void orderlyCloseDeliversEarlierFramesThenCloses() throws IOException {
        Connection c = connect();
        c.send(RecordingHandler.frame(1));
        c.close();
        c.send(RecordingHandler.frame(2)); // ignored: closed
        world.runUntilIdle();
        assertThat(serverHandler.frames).containsExactly(1);
        assertThat(serverHandler.closeCauses).containsExactly((Throwable) null);
        assertThat(clientHandler.closeCauses).containsExactly((Throwable) null);
    }

    @Test
    void partitionHoldsFramesAndHealDeliversThemInOrder() throws IOException {
        Connection c = connect();
        world.network().partition(Set.of("client"), Set.of("server"));
        for (int i = 0; i < 5; i++) {
            c.send(RecordingHandler.frame(i));
        }
        world.runFor(1_000);
        assertThat(serverHandler.frames).isEmpty();

        world.network().heal();
        world.runFor(100);
        assertThat(serverHandler.frames).containsExactly(0, 1, 2, 3, 4);
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void longPartitionResetsTheConnectionsCrossingIt() throws IOException {
        Connection c = connect();
        world.network().partition(Set.of("client"), Set.of("server"));
        c.send(RecordingHandler.frame(1));
        world.runFor(4_000);
        assertThat(c.isOpen()).isTrue();
        world.runFor(2_000);
        assertThat(c.isOpen()).isFalse();
        assertThat(clientHandler.closes).isEqualTo(1);
        assertThat(serverHandler.closes).isEqualTo(1);
        world.network().heal();
        world.runUntilIdle();
        assertThat(serverHandler.frames).isEmpty();
    }

    @Test
    void oneWayPartitionBlocksOnlyOneDirection() throws IOException {
        Connection c = connect();
        world.network().partitionOneWay(Set.of("client"), Set.of("server"));
        c.send(RecordingHandler.frame(1));
        serverEnd().send(RecordingHandler.frame(2));
        world.runFor(1_000);
        assertThat(serverHandler.frames).isEmpty();
        assertThat(clientHandler.frames).containsExactly(2);
        world.network().heal();
        world.runFor(100);
        assertThat(serverHandler.frames).containsExactly(1);
    }

    @Test
    void connectAcrossAPartitionTimesOut() {
        world.network().partition(Set.of("client"), Set.of("server"));
        CompletableFuture<Connection> f;
        try {
            server.context().network().listen(ADDRESS, serverHandler);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        f = client.context().network().connect(ADDRESS, clientHandler);
        world.runFor(world.config().connectTimeoutMs() + 100);
        assertThat(f).isCompletedExceptionally();
        assertThat(serverHandler.opened).isEmpty();
    }

    @Test
    void clogDelaysDelivery() throws IOException {
        Connection c = connect();
        world.network().clog("client", "server", 500);
        c.send(RecordingHandler.frame(1));
        world.runFor(400);
        assertThat(serverHandler.frames).isEmpty();
        world.runFor(200);
        assertThat(serverHandler.frames).containsExactly(1);
    }

    @Test
    void crashedPeerIsSeenClosedAfterItsLastFrames() throws IOException {
        Connection c = connect();
        serverEnd().send(RecordingHandler.frame(9));
        server.crash();
        world.runUntilIdle();
        assertThat(clientHandler.frames).containsExactly(9);
        assertThat(clientHandler.closes).isEqualTo(1);
        assertThat(clientHandler.closeCauses.get(0)).isInstanceOf(IOException.class);
        assertThat(c.isOpen()).isFalse();
        assertThat(serverHandler.closes).isZero();
        // The address is free again for the restarted server.
        server.restart().network().listen(ADDRESS, serverHandler).close();
    }

    @Test
    void powerLossIsSeenByPeersOnlyAfterTheResetTimeout() throws IOException {
        Connection c = connect();
        server.powerLoss();
        world.runFor(4_000);
        assertThat(c.isOpen()).isTrue();
        world.runFor(2_000);
        assertThat(c.isOpen()).isFalse();
    }

    @Test
    void listeningTwiceOnOneAddressFails() throws IOException {
        server.context().network().listen(ADDRESS, serverHandler);
        assertThatThrownBy(() -> client.context().network().listen(ADDRESS, clientHandler))
                .isInstanceOf(java.net.BindException.class);
        assertThat(world.network().connectionsOf("client")).isEqualTo(List.of());
    }

    @Test
    void framesToAPausedNodeWaitAndArriveInOrderOnResume() throws IOException {
        Connection c = connect();
        server.pause();
        c.send(RecordingHandler.frame(1));
        c.send(RecordingHandler.frame(2));
        world.runFor(1_000);
        assertThat(serverHandler.frames).isEmpty();
        server.resume();
        world.runUntilIdle();
        assertThat(serverHandler.frames).containsExactly(1, 2);
    }
}
