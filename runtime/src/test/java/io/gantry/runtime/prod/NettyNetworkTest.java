package io.gantry.runtime.prod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.Listener;
import io.gantry.runtime.Network;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NettyNetworkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static NettyTransport transport;

    private EventLoopScheduler serverLoop;
    private EventLoopScheduler clientLoop;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startTransport() {
        transport = new NettyTransport(2);
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    @BeforeEach
    void setUp() {
        serverLoop = new EventLoopScheduler("server");
        clientLoop = new EventLoopScheduler("client");
    }

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        serverLoop.close();
        clientLoop.close();
    }

    private NettyNetwork network(EventLoopScheduler loop, int maxFrameBytes) {
        NettyNetwork network = new NettyNetwork(loop, transport, maxFrameBytes);
        toClose.add(network);
        return network;
    }

    /** Records every callback, checking each runs on its loop and in the contract's order. */
    static final class Recorder implements ConnectionHandler {
        final EventLoopScheduler loop;
        final boolean echo;
        final List<String> violations = new CopyOnWriteArrayList<>();
        final List<ByteBuffer> frames = new CopyOnWriteArrayList<>();
        final CompletableFuture<Connection> opened = new CompletableFuture<>();
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();
        final CompletableFuture<Connection> closedConnection = new CompletableFuture<>();
        private int closeCount;

        Recorder(EventLoopScheduler loop, boolean echo) {
            this.loop = loop;
            this.echo = echo;
        }

        private void checkLoop(String event) {
            if (!loop.inLoop()) {
                violations.add(event + " off the loop");
            }
        }

        @Override
        public void onOpen(Connection connection) {
            checkLoop("onOpen");
            if (opened.isDone() || closed.isDone()) {
                violations.add("onOpen after open or close");
            }
            opened.complete(connection);
        }

        @Override
        public void onFrame(Connection connection, ByteBuffer frame) {
            checkLoop("onFrame");
            if (!opened.isDone() || closed.isDone()) {
                violations.add("onFrame outside open..close");
            }
            if (frame.position() != 0) {
                violations.add("frame position " + frame.position());
            }
            frames.add(frame);
            if (echo) {
                connection.send(frame.duplicate());
            }
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            checkLoop("onClose");
            if (++closeCount > 1) {
                violations.add("onClose twice");
            }
            closedConnection.complete(connection);
            closed.complete(cause);
        }
    }

    private Listener listen(NettyNetwork network, Recorder recorder) throws IOException {
        Listener listener = network.listen("127.0.0.1:0", recorder);
        toClose.add(listener);
        return listener;
    }

    private static ByteBuffer numbered(int n, int size) {
        ByteBuffer frame = ByteBuffer.allocate(size);
        frame.putInt(0, n);
        for (int i = 4; i < size; i++) {
            frame.put(i, (byte) (n + i));
        }
        return frame;
    }

    @Test
    void echoesManyFramesInOrder() throws Exception {
        NettyNetwork server = network(serverLoop, Network.DEFAULT_MAX_FRAME_BYTES);
        NettyNetwork client = network(clientLoop, Network.DEFAULT_MAX_FRAME_BYTES);
        Recorder serverSide = new Recorder(serverLoop, true);
        Recorder clientSide = new Recorder(clientLoop, false);
        Listener listener = listen(server, serverSide);
        assertThat(listener.address()).startsWith("127.0.0.1:").doesNotEndWith(":0");

        // Connect from the loop, so the callback is registered before the loop can complete the future.
        CompletableFuture<Boolean> completedAfterOpen = new CompletableFuture<>();
        CompletableFuture<Connection> connecting = new CompletableFuture<>();
        clientLoop.execute(() -> client.connect(listener.address(), clientSide).whenComplete((c, e) -> {
            completedAfterOpen.complete(clientLoop.inLoop() && clientSide.opened.isDone());
            if (e != null) {
                connecting.completeExceptionally(e);
            } else {
                connecting.complete(c);
            }
        }));
        Connection connection = connecting.get(10, TimeUnit.SECONDS);
        assertThat(completedAfterOpen.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.isWritable()).isTrue();
        assertThat(connection.remoteAddress()).isEqualTo(listener.address());

        int count = 5_000;
        clientLoop.execute(() -> {
            for (int i = 0; i < count; i++) {
                connection.send(numbered(i, 4 + (i % 300)));
            }
        });
        await().atMost(WAIT).until(() -> clientSide.frames.size() == count);
        for (int i = 0; i < count; i++) {
            assertThat(clientSide.frames.get(i)).isEqualTo(numbered(i, 4 + (i % 300)));
        }
        Connection serverConnection = serverSide.opened.get(10, TimeUnit.SECONDS);
        assertThat(serverConnection.remoteAddress()).isEqualTo(connection.localAddress());
        assertThat(serverSide.violations).isEmpty();
        assertThat(clientSide.violations).isEmpty();
    }

    @Test
    void carriesAFrameOfExactlyTheLimitAndRefusesToSendALargerOne() throws Exception {
        int limit = Network.DEFAULT_MAX_FRAME_BYTES;
        NettyNetwork server = network(serverLoop, limit);
        NettyNetwork client = network(clientLoop, limit);
        assertThat(client.maxFrameBytes()).isEqualTo(limit);
        Recorder serverSide = new Recorder(serverLoop, true);
        Recorder clientSide = new Recorder(clientLoop, false);
        Listener listener = listen(server, serverSide);
        Connection connection = client.connect(listener.address(), clientSide).get(10, TimeUnit.SECONDS);

        ByteBuffer big = numbered(7, limit);
        assertThatThrownBy(() -> connection.send(ByteBuffer.allocate(limit + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        connection.send(big);
        await().atMost(WAIT).until(() -> clientSide.frames.size() == 1);
        ByteBuffer echoed = clientSide.frames.get(0);
        assertThat(echoed.remaining()).isEqualTo(limit);
        assertThat(echoed).isEqualTo(big);
        assertThat(serverSide.violations).isEmpty();
        assertThat(clientSide.violations).isEmpty();
    }

    @Test
    void negativeLengthFromARawPeerClosesTheConnection() throws Exception {
        assertRawPeerIsCutOff(1024, -1);
        assertRawPeerIsCutOff(1024, Integer.MIN_VALUE);
    }

    @Test
    void oversizedLengthFromARawPeerClosesTheConnection() throws Exception {
        assertRawPeerIsCutOff(1024, 1025);
        // Would need a 2 GiB allocation if the decoder trusted it.
        assertRawPeerIsCutOff(Network.DEFAULT_MAX_FRAME_BYTES, Integer.MAX_VALUE);
    }

    private void assertRawPeerIsCutOff(int maxFrameBytes, int badLength) throws Exception {
        NettyNetwork server = network(serverLoop, maxFrameBytes);
        Recorder serverSide = new Recorder(serverLoop, false);
        Listener listener = listen(server, serverSide);
        InetSocketAddressParts parts = InetSocketAddressParts.of(listener.address());
        try (Socket socket = new Socket(parts.host, parts.port)) {
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(3);
            out.write(new byte[] {1, 2, 3});
            out.writeInt(badLength);
            out.write(new byte[64]);
            out.flush();
            assertThat(readUntilClosed(socket.getInputStream())).isTrue();
        }
        Throwable cause = serverSide.closed.get(10, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(FrameDecoder.FrameLengthException.class)
                .hasMessageContaining(Integer.toString(badLength));
        assertThat(serverSide.frames).containsExactly(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(serverSide.violations).isEmpty();
    }

    /** True once the peer closed (EOF or reset); the socket timeout fails the test otherwise. */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void rawPeerReceivesLengthPrefixedFrames() throws Exception {
        NettyNetwork server = network(serverLoop, 1024);
        Recorder serverSide = new Recorder(serverLoop, true);
        Listener listener = listen(server, serverSide);
        InetSocketAddressParts parts = InetSocketAddressParts.of(listener.address());
        try (Socket socket = new Socket(parts.host, parts.port)) {
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.writeInt(0);
            out.writeInt(2);
            out.write(new byte[] {9, 8});
            out.flush();
            assertThat(in.readInt()).isZero();
            assertThat(in.readInt()).isEqualTo(2);
            assertThat(in.readByte()).isEqualTo((byte) 9);
            assertThat(in.readByte()).isEqualTo((byte) 8);
        }
        assertThat(serverSide.closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(serverSide.frames).hasSize(2);
    }

    @Test
    void resetByThePeerReachesOnCloseWithACause() throws Exception {
        NettyNetwork server = network(serverLoop, 1024);
        Recorder serverSide = new Recorder(serverLoop, false);
        Listener listener = listen(server, serverSide);
        InetSocketAddressParts parts = InetSocketAddressParts.of(listener.address());
        try (Socket socket = new Socket(parts.host, parts.port)) {
            serverSide.opened.get(10, TimeUnit.SECONDS);
            // Linger 0: close sends RST instead of FIN.
            socket.setSoLinger(true, 0);
        }
        assertThat(serverSide.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        assertThat(serverSide.violations).isEmpty();
    }

    @Test
    void orderlyCloseFromTheClientIsSeenOnBothEnds() throws Exception {
        NettyNetwork server = network(serverLoop, 1024);
        NettyNetwork client = network(clientLoop, 1024);
        Recorder serverSide = new Recorder(serverLoop, false);
        Recorder clientSide = new Recorder(clientLoop, false);
        Listener listener = listen(server, serverSide);
        Connection connection = client.connect(listener.address(), clientSide).get(10, TimeUnit.SECONDS);
        serverSide.opened.get(10, TimeUnit.SECONDS);

        connection.close();
        assertThat(clientSide.closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(serverSide.closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.isWritable()).isFalse();
        connection.send(ByteBuffer.allocate(1));
        connection.close();
        assertThat(clientSide.closedConnection.get()).isSameAs(connection);
        assertThat(serverSide.violations).isEmpty();
        assertThat(clientSide.violations).isEmpty();
    }

    @Test
    void closeFromTheServerIsSeenOnBothEndsAndListenerCloseKeepsConnections() throws Exception {
        NettyNetwork server = network(serverLoop, 1024);
        NettyNetwork client = network(clientLoop, 1024);
        Recorder serverSide = new Recorder(serverLoop, false);
        Recorder clientSide = new Recorder(clientLoop, true);
        Listener listener = listen(server, serverSide);
        client.connect(listener.address(), clientSide).get(10, TimeUnit.SECONDS);
        Connection serverConnection = serverSide.opened.get(10, TimeUnit.SECONDS);

        listener.close();
        serverConnection.send(ByteBuffer.wrap(new byte[] {42}));
        await().atMost(WAIT).until(() -> serverSide.frames.size() == 1);
        assertThat(serverConnection.isOpen()).isTrue();

        serverConnection.close();
        assertThat(serverSide.closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(clientSide.closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(serverSide.violations).isEmpty();
        assertThat(clientSide.violations).isEmpty();
    }

    @Test
    void connectingToAClosedPortFailsTheFutureOnTheLoop() throws Exception {
        // Port 1 (tcpmux): nothing listens there, and it is outside the ephemeral range, so the
        // client's own socket can never be given it as local port and connect to itself.
        int port = 1;
        NettyNetwork client = network(clientLoop, 1024);
        Recorder clientSide = new Recorder(clientLoop, false);
        CompletableFuture<Boolean> failedOnLoop = new CompletableFuture<>();
        CompletableFuture<CompletableFuture<Connection>> started = new CompletableFuture<>();
        clientLoop.execute(() -> started.complete(client.connect("127.0.0.1:" + port, clientSide)
                .whenComplete((c, e) -> failedOnLoop.complete(e != null && clientLoop.inLoop()))));
        CompletableFuture<Connection> connecting = started.get(10, TimeUnit.SECONDS);
        assertThat(failedOnLoop.get(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(clientSide.opened).isNotDone();
        assertThat(clientSide.closed).isNotDone();
    }

    @Test
    void badAddressesAreRejected() throws Exception {
        NettyNetwork client = network(clientLoop, 1024);
        Recorder clientSide = new Recorder(clientLoop, false);
        for (String bad : new String[] {"no-port", "host:", "host:99999", "host:x", "127.0.0.1:0"}) {
            CompletableFuture<Connection> connecting = client.connect(bad, clientSide);
            assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS)).as(bad)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> client.listen("nonsense", clientSide)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingTheNetworkClosesItsConnectionsAndListeners() throws Exception {
        NettyNetwork server = network(serverLoop, 1024);
        NettyNetwork client = network(clientLoop, 1024);
        Recorder serverSide = new Recorder(serverLoop, false);
        Recorder clientSide = new Recorder(clientLoop, false);
        Listener listener = listen(server, serverSide);
        Connection first = client.connect(listener.address(), clientSide).get(10, TimeUnit.SECONDS);
        Recorder second = new Recorder(clientLoop, false);
        Connection secondConnection = client.connect(listener.address(), second).get(10, TimeUnit.SECONDS);
        assertThat(secondConnection.id()).isNotEqualTo(first.id());

        server.close();
        server.close();
        assertThat(clientSide.closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(second.closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThatThrownBy(() -> server.listen("127.0.0.1:0", serverSide)).isInstanceOf(IOException.class);
        CompletableFuture<Connection> refused = client.connect(listener.address(), new Recorder(clientLoop, false));
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void addressFormattingRoundTrips() {
        assertThat(NettyNetwork.format(NettyNetwork.parse("127.0.0.1:9876", true))).isEqualTo("127.0.0.1:9876");
        assertThat(NettyNetwork.format(NettyNetwork.parse("[::1]:10911", true))).isEqualTo("[0:0:0:0:0:0:0:1]:10911");
        assertThat(NettyNetwork.parse("broker-a:10911", false).getHostString()).isEqualTo("broker-a");
    }

    /** Splits {@code host:port} for the raw-socket tests. */
    private record InetSocketAddressParts(String host, int port) {
        static InetSocketAddressParts of(String address) {
            int colon = address.lastIndexOf(':');
            return new InetSocketAddressParts(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        }
    }

}
