package io.gantry.protocol.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.protocol.header.HeaderException;
import io.gantry.protocol.remoting.RemotingCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.remoting.SerializeType;
import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.NettyTransport;
import io.gantry.runtime.prod.ProductionRuntime;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RPC layer over the production seams (Netty on loopback, real event loops). */
class RpcOverProductionSeamsTest {

    private static final int ECHO = RequestCode.GET_MAX_OFFSET;
    // Codes no RocketMQ version uses, for the test's own processors.
    private static final int SILENT = 9_001;
    private static final int BAD_HEADER = 9_002;
    private static final int BROKEN = 9_003;
    private static final int ONEWAY_SINK = 9_004;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private NettyTransport transport;
    private ProductionRuntime serverRuntime;
    private ProductionRuntime clientRuntime;
    private NodeContext serverContext;
    private NodeContext clientContext;
    private RpcServer server;
    private RpcClient client;
    private String address;

    private final AtomicInteger silentReceived = new AtomicInteger();
    private final List<Integer> echoOpaques = new CopyOnWriteArrayList<>();
    private final List<RemotingCommand> onewayReceived = new CopyOnWriteArrayList<>();
    private final AtomicInteger serverOpens = new AtomicInteger();
    private final AtomicInteger serverCloses = new AtomicInteger();
    private final List<RemotingChannel> serverChannels = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        transport = new NettyTransport(2);
        serverRuntime = ProductionRuntime.create("server", dir.resolve("server"), transport);
        clientRuntime = ProductionRuntime.create("client", dir.resolve("client"), transport);
        serverContext = serverRuntime.context();
        clientContext = clientRuntime.context();
        server = onLoop(serverContext, () -> {
            RpcServer s = new RpcServer(serverContext, RpcConfig.defaults());
            s.processors()
                    .register(ECHO, (channel, request) -> {
                        echoOpaques.add(request.opaque());
                        // A varying delay reorders responses relative to requests.
                        long delayMs = Math.floorMod(request.opaque() * 7, 5);
                        CompletableFuture<RemotingCommand> response = new CompletableFuture<>();
                        serverContext.scheduler().schedule(delayMs, () -> response.complete(
                                RemotingCommand.response(ResponseCode.SUCCESS)
                                        .extField("echo", request.extField("v"))
                                        .body(request.body())
                                        .build()));
                        return response;
                    })
                    .register(SILENT, (channel, request) -> {
                        silentReceived.incrementAndGet();
                        return new CompletableFuture<>();
                    })
                    .register(BAD_HEADER, (channel, request) -> {
                        throw new HeaderException(ResponseCode.TOPIC_NOT_EXIST, "topic", "the custom field <topic> is bad");
                    })
                    .register(BROKEN, (channel, request) -> {
                        throw new IllegalStateException("processor bug");
                    })
                    .register(ONEWAY_SINK, (channel, request) -> {
                        onewayReceived.add(request);
                        // Answered anyway: the layer must drop it for a oneway request.
                        return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS).build());
                    });
            s.addChannelListener(new ChannelListener() {
                @Override
                public void onChannelOpen(RemotingChannel channel) {
                    serverOpens.incrementAndGet();
                    serverChannels.add(channel);
                }

                @Override
                public void onChannelClose(RemotingChannel channel, Throwable cause) {
                    serverCloses.incrementAndGet();
                }
            });
            s.start("127.0.0.1:0");
            return s;
        });
        address = onLoop(serverContext, server::address);
        client = onLoop(clientContext, () -> new RpcClient(clientContext, RpcConfig.defaults()));
    }

    @AfterEach
    void stop() throws Exception {
        if (clientRuntime != null) {
            onLoop(clientContext, () -> {
                client.close();
                return null;
            });
            onLoop(serverContext, () -> {
                server.close();
                return null;
            });
        }
        closeQuietly(clientRuntime);
        closeQuietly(serverRuntime);
        closeQuietly(transport);
    }

    private static void closeQuietly(AutoCloseable closeable) throws Exception {
        if (closeable != null) {
            closeable.close();
        }
    }

    @Test
    void requestAndResponseInBothSerializeTypes() throws Exception {
        for (SerializeType type : SerializeType.values()) {
            RemotingCommand request = RemotingCommand.request(ECHO).serializeType(type)
                    .extField("v", type.name()).body("payload".getBytes(StandardCharsets.UTF_8)).build();
            RemotingCommand response = invoke(request, 5_000).get(10, TimeUnit.SECONDS);
            assertThat(response.isResponse()).isTrue();
            assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(response.serializeType()).isEqualTo(type);
            assertThat(response.extField("echo")).isEqualTo(type.name());
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("payload");
            assertThat(response.opaque()).isEqualTo(echoOpaques.get(echoOpaques.size() - 1));
        }
        assertThat(serverOpens.get()).isEqualTo(1); // both requests shared one connection
    }

    @Test
    void responseCarriesTheRequestsOpaqueAndTypeOnTheWire() throws Exception {
        RawPeer peer = RawPeer.connect(clientContext, address);
        peer.send(RemotingCommand.request(ECHO).opaque(4242).serializeType(SerializeType.ROCKETMQ).extField("v", "x").build());
        RemotingCommand response = peer.next();
        assertThat(response.opaque()).isEqualTo(4242);
        assertThat(response.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(response.isResponse()).isTrue();
        assertThat(response.extField("echo")).isEqualTo("x");
    }

    @Test
    void onewayRequestGetsNoResponse() throws Exception {
        RawPeer peer = RawPeer.connect(clientContext, address);
        peer.send(RemotingCommand.request(ONEWAY_SINK).opaque(1).oneway().build());
        peer.send(RemotingCommand.request(9_999).opaque(2).oneway().build()); // unknown code, oneway
        peer.send(RemotingCommand.request(ECHO).opaque(3).extField("v", "after").build());
        // The echo answers after a timer, so any response to the earlier oneways would have come first.
        RemotingCommand response = peer.next();
        assertThat(response.opaque()).isEqualTo(3);
        assertThat(peer.frames).isEmpty();
        assertThat(onewayReceived).hasSize(1);
        assertThat(onewayReceived.get(0).isOneway()).isTrue();

        CompletableFuture<Void> sent = onLoop(clientContext,
                () -> client.invokeOneway(address, RemotingCommand.request(ONEWAY_SINK).extField("k", "v").build()));
        sent.get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> onewayReceived.size() == 2);
        assertThat(onewayReceived.get(1).extField("k")).isEqualTo("v");
    }

    @Test
    void unknownCodeIsAnsweredWithRequestCodeNotSupported() throws Exception {
        RemotingCommand response = invoke(RemotingCommand.request(9_999).build(), 5_000).get(10, TimeUnit.SECONDS);
        assertThat(response.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        assertThat(response.remark()).isEqualTo("request type 9999 not supported");
    }

    @Test
    void headerExceptionIsAnsweredWithItsCodeAndRemark() throws Exception {
        RemotingCommand response = invoke(RemotingCommand.request(BAD_HEADER).build(), 5_000).get(10, TimeUnit.SECONDS);
        assertThat(response.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(response.remark()).isEqualTo("the custom field <topic> is bad");
    }

    @Test
    void otherProcessorFailureIsAnsweredWithSystemErrorAndTheChannelSurvives() throws Exception {
        RemotingCommand response = invoke(RemotingCommand.request(BROKEN).build(), 5_000).get(10, TimeUnit.SECONDS);
        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("processor bug");
        RemotingCommand next = invoke(RemotingCommand.request(ECHO).extField("v", "still").build(), 5_000)
                .get(10, TimeUnit.SECONDS);
        assertThat(next.extField("echo")).isEqualTo("still");
        assertThat(serverOpens.get()).isEqualTo(1);
    }

    @Test
    void manyConcurrentRequestsOnOneChannelCorrelate() throws Exception {
        int count = 2_000;
        List<CompletableFuture<RemotingCommand>> futures = onLoop(clientContext, () -> {
            List<CompletableFuture<RemotingCommand>> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                all.add(client.invoke(address, RemotingCommand.request(ECHO).extField("v", Integer.toString(i))
                        .serializeType(i % 2 == 0 ? SerializeType.JSON : SerializeType.ROCKETMQ).build(), 30_000));
            }
            return all;
        });
        for (int i = 0; i < count; i++) {
            RemotingCommand response = futures.get(i).get(30, TimeUnit.SECONDS);
            assertThat(response.extField("echo")).isEqualTo(Integer.toString(i));
            assertThat(response.serializeType()).isEqualTo(i % 2 == 0 ? SerializeType.JSON : SerializeType.ROCKETMQ);
        }
        assertThat(echoOpaques).doesNotHaveDuplicates().hasSize(count);
        assertThat(serverOpens.get()).isEqualTo(1);
    }

    @Test
    void timeoutFailsIndeterminatelyAndClosesTheChannel() throws Exception {
        CompletableFuture<RemotingCommand> future = invoke(RemotingCommand.request(SILENT).build(), 200);
        RpcException failure = failureOf(future);
        assertThat(failure).isInstanceOf(RpcTimeoutException.class);
        assertThat(failure.isDefinite()).isFalse();
        assertThat(silentReceived.get()).isEqualTo(1);
        assertThat(onLoop(clientContext, () -> client.channel(address))).isNull();
        await().atMost(WAIT).until(() -> serverCloses.get() == 1);

        // The next invoke reconnects.
        RemotingCommand response = invoke(RemotingCommand.request(ECHO).extField("v", "again").build(), 5_000)
                .get(10, TimeUnit.SECONDS);
        assertThat(response.extField("echo")).isEqualTo("again");
        assertThat(serverOpens.get()).isEqualTo(2);
    }

    @Test
    void closingTheServerSideFailsEveryPendingRequestAtOnce() throws Exception {
        int count = 20;
        List<CompletableFuture<RemotingCommand>> futures = onLoop(clientContext, () -> {
            List<CompletableFuture<RemotingCommand>> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                all.add(client.invoke(address, RemotingCommand.request(SILENT).build(), 60_000));
            }
            return all;
        });
        await().atMost(WAIT).until(() -> silentReceived.get() == count);
        onLoop(serverContext, () -> {
            server.channels().forEach(RemotingChannel::close);
            return null;
        });
        for (CompletableFuture<RemotingCommand> future : futures) {
            RpcException failure = failureOf(future);
            assertThat(failure).isInstanceOf(RpcConnectionClosedException.class);
            assertThat(failure.isDefinite()).isFalse();
        }
        assertThat(onLoop(clientContext, () -> client.channel(address))).isNull();
    }

    @Test
    void serverInitiatedRequestsAreProcessedByTheClientsRegistry() throws Exception {
        CompletableFuture<RemotingCommand> notified = new CompletableFuture<>();
        onLoop(clientContext, () -> {
            client.processors()
                    .register(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (channel, request) -> {
                        notified.complete(request);
                        return null;
                    })
                    .register(RequestCode.GET_CONSUMER_RUNNING_INFO, (channel, request) -> CompletableFuture.completedFuture(
                            RemotingCommand.response(ResponseCode.SUCCESS).body(new byte[] {1, 2, 3}).build()));
            return null;
        });
        invoke(RemotingCommand.request(ECHO).extField("v", "hello").build(), 5_000).get(10, TimeUnit.SECONDS);
        RemotingChannel toClient = serverChannels.get(0);

        onLoop(serverContext, () -> server.invokeOneway(toClient, RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED)
                .extField("consumerGroup", "g").build())).get(10, TimeUnit.SECONDS);
        RemotingCommand notification = notified.get(10, TimeUnit.SECONDS);
        assertThat(notification.isOneway()).isTrue();
        assertThat(notification.extField("consumerGroup")).isEqualTo("g");

        RemotingCommand info = onLoop(serverContext, () -> server.invoke(toClient,
                RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO).build(), 5_000)).get(10, TimeUnit.SECONDS);
        assertThat(info.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(info.body()).containsExactly(1, 2, 3);
    }

    @Test
    void garbageFrameClosesTheConnection() throws Exception {
        RawPeer peer = RawPeer.connect(clientContext, address);
        await().atMost(WAIT).until(() -> serverOpens.get() == 1);
        // Serialize type 7 does not exist.
        peer.sendRaw(ByteBuffer.wrap(new byte[] {7, 0, 0, 2, '{', '}'}));
        assertThat(peer.closed.get(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> serverCloses.get() == 1);
        assertThat(onLoop(serverContext, server::channels)).isEmpty();
    }

    @Test
    void connectFailureIsDefinite() throws Exception {
        String nowhere = onLoop(serverContext, () -> {
            RpcServer other = new RpcServer(serverContext, RpcConfig.defaults());
            String bound = other.start("127.0.0.1:0");
            other.close(); // the port is free again and nobody listens
            return bound;
        });
        RpcException failure = failureOf(invoke(nowhere, RemotingCommand.request(ECHO).build(), 5_000));
        assertThat(failure).isInstanceOf(RpcConnectException.class);
        assertThat(failure.isDefinite()).isTrue();
    }

    private CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMs) throws Exception {
        return invoke(address, request, timeoutMs);
    }

    private CompletableFuture<RemotingCommand> invoke(String target, RemotingCommand request, long timeoutMs) throws Exception {
        return onLoop(clientContext, () -> client.invoke(target, request, timeoutMs));
    }

    private static RpcException failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            RpcException rpc = RpcException.find(e);
            assertThat(rpc).as("an RpcException behind %s", e.getCause()).isNotNull();
            return rpc;
        }
        throw new AssertionError("expected a failure");
    }

    /** Runs {@code action} on the node's loop and waits for its result. */
    static <T> T onLoop(NodeContext context, Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.scheduler().execute(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    /** A bare connection that sends hand-made frames and collects decoded ones. */
    private static final class RawPeer implements ConnectionHandler {
        final BlockingQueue<RemotingCommand> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Boolean> closed = new CompletableFuture<>();
        private final NodeContext context;
        private Connection connection;

        private RawPeer(NodeContext context) {
            this.context = context;
        }

        static RawPeer connect(NodeContext context, String address) throws Exception {
            RawPeer peer = new RawPeer(context);
            peer.connection = onLoop(context, () -> context.network().connect(address, peer)).get(10, TimeUnit.SECONDS);
            return peer;
        }

        void send(RemotingCommand command) throws Exception {
            sendRaw(RemotingCodec.encode(command));
        }

        void sendRaw(ByteBuffer frame) throws Exception {
            onLoop(context, () -> {
                connection.send(frame);
                return null;
            });
        }

        RemotingCommand next() throws InterruptedException {
            RemotingCommand command = frames.poll(10, TimeUnit.SECONDS);
            assertThat(command).as("a frame within 10 s").isNotNull();
            return command;
        }

        @Override
        public void onFrame(Connection c, ByteBuffer frame) {
            frames.add(RemotingCodec.decode(frame));
        }

        @Override
        public void onClose(Connection c, Throwable cause) {
            closed.complete(true);
        }
    }
}
