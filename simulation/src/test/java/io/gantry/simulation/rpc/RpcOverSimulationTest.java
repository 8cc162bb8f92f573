package io.gantry.simulation.rpc;

import static io.gantry.simulation.rpc.SimRpc.ECHO;
import static io.gantry.simulation.rpc.SimRpc.SILENT;
import static io.gantry.simulation.rpc.SimRpc.echoRequest;
import static io.gantry.simulation.rpc.SimRpc.failureOf;
import static io.gantry.simulation.rpc.SimRpc.onLoop;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.header.HeaderException;
import io.gantry.protocol.remoting.RemotingCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.ChannelListener;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.protocol.rpc.RpcConnectException;
import io.gantry.protocol.rpc.RpcConnectionClosedException;
import io.gantry.protocol.rpc.RpcException;
import io.gantry.protocol.rpc.RpcFrameTooLargeException;
import io.gantry.protocol.rpc.RpcRejectedException;
import io.gantry.protocol.rpc.RpcServer;
import io.gantry.protocol.rpc.RpcTimeoutException;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The production RPC classes, unchanged, over simulated nodes and network in virtual time. */
class RpcOverSimulationTest {

    private static final String ADDRESS = "server:10911";
    private static final int FAILS_LATER = 9_003;

    private final SimWorld world = new SimWorld(SimConfig.defaults(42).withMaxFrameBytes(64 * 1024));
    private final SimNode serverNode = world.addNode("server");
    private final SimNode clientNode = world.addNode("client");
    private final List<RemotingCommand> silentRequests = new ArrayList<>();
    private int serverCloses;
    private RpcServer server;
    private RpcClient client;

    private void start(RpcConfig clientConfig) {
        start(RpcConfig.defaults(), clientConfig);
    }

    private void start(RpcConfig serverConfig, RpcConfig clientConfig) {
        server = onLoop(world, serverNode, () -> {
            RpcServer s = new RpcServer(serverNode.context(), serverConfig);
            s.processors()
                    .register(ECHO, (channel, request) -> SimRpc.echo(request))
                    .register(SILENT, (channel, request) -> {
                        silentRequests.add(request);
                        return new CompletableFuture<>();
                    })
                    .register(FAILS_LATER, (channel, request) -> CompletableFuture.failedFuture(
                            new HeaderException(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "group", "no group")));
            s.addChannelListener(new ChannelListener() {
                @Override
                public void onChannelClose(RemotingChannel channel, Throwable cause) {
                    serverCloses++;
                }
            });
            try {
                s.start(ADDRESS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return s;
        });
        client = onLoop(world, clientNode, () -> new RpcClient(clientNode.context(), clientConfig));
    }

    private CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMs) {
        return onLoop(world, clientNode, () -> client.invoke(ADDRESS, request, timeoutMs));
    }

    private RemotingCommand echoNow(String value) {
        CompletableFuture<RemotingCommand> future = invoke(echoRequest(value), 1_000);
        assertThat(world.runUntil(future::isDone, 2_000)).isTrue();
        return future.join();
    }

    @Test
    void requestAndResponse() {
        start(RpcConfig.defaults());
        RemotingCommand response = echoNow("hello");
        assertThat(response.isResponse()).isTrue();
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.extField("echo")).isEqualTo("hello");
        assertThat(echoNow("again").extField("echo")).isEqualTo("again");
        assertThat(onLoop(world, serverNode, () -> server.channels())).hasSize(1);
        // A LAN round trip plus a connect: well under a millisecond or two of virtual time.
        assertThat(world.nowMs()).isLessThan(10);
    }

    @Test
    void timeoutFiresInVirtualTimeAndClosesTheChannel() {
        start(RpcConfig.defaults());
        echoNow("connect first");
        long startNanos = world.nowNanos();
        CompletableFuture<RemotingCommand> future = invoke(RemotingCommand.request(SILENT).build(), 3_000);
        world.runFor(2_999);
        assertThat(future).isNotDone();
        assertThat(silentRequests).hasSize(1);
        world.runFor(2);
        RpcException failure = failureOf(future);
        assertThat(failure).isInstanceOf(RpcTimeoutException.class);
        assertThat(failure.isDefinite()).isFalse();
        assertThat(world.nowNanos() - startNanos).isGreaterThanOrEqualTo(3_000_000_000L);
        assertThat(onLoop(world, clientNode, () -> client.channel(ADDRESS))).isNull();
        world.runFor(10);
        assertThat(serverCloses).isEqualTo(1);
        assertThat(echoNow("reconnected").extField("echo")).isEqualTo("reconnected");
    }

    @Test
    void timeoutCanLeaveTheChannelOpenWhenConfigured() {
        start(RpcConfig.defaults().withCloseChannelOnTimeout(false));
        CompletableFuture<RemotingCommand> future = invoke(RemotingCommand.request(SILENT).build(), 500);
        world.runFor(600);
        assertThat(failureOf(future)).isInstanceOf(RpcTimeoutException.class);
        assertThat(onLoop(world, clientNode, () -> client.channel(ADDRESS))).isNotNull();
        assertThat(serverCloses).isZero();
    }

    @Test
    void connectionResetFailsEveryPendingRequestAtOnce() {
        start(RpcConfig.defaults());
        echoNow("connect first");
        List<CompletableFuture<RemotingCommand>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(invoke(RemotingCommand.request(SILENT).build(), 60_000));
        }
        world.runFor(10);
        assertThat(silentRequests).hasSize(5);
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        RemotingChannel channel = onLoop(world, clientNode, () -> client.channel(ADDRESS));
        world.network().reset(channel.connection());
        world.runFor(10);
        for (CompletableFuture<RemotingCommand> future : futures) {
            RpcException failure = failureOf(future);
            assertThat(failure).isInstanceOf(RpcConnectionClosedException.class);
            assertThat(failure.isDefinite()).isFalse();
        }
        assertThat(serverCloses).isEqualTo(1);
        assertThat(onLoop(world, serverNode, () -> server.channels())).isEmpty();
    }

    @Test
    void serverCrashFailsPendingRequests() {
        start(RpcConfig.defaults());
        echoNow("connect first");
        CompletableFuture<RemotingCommand> future = invoke(RemotingCommand.request(SILENT).build(), 60_000);
        world.runFor(10);
        serverNode.crash();
        world.runFor(10);
        assertThat(failureOf(future)).isInstanceOf(RpcConnectionClosedException.class);
    }

    @Test
    void partitionMakesRequestsTimeOutAndHealLetsTheClientReconnect() {
        start(RpcConfig.defaults());
        echoNow("connect first");
        world.network().partition(Set.of("client"), Set.of("server"));
        CompletableFuture<RemotingCommand> future = invoke(echoRequest("lost"), 1_000);
        world.runFor(999);
        assertThat(future).isNotDone();
        world.runFor(2);
        RpcException failure = failureOf(future);
        assertThat(failure).isInstanceOf(RpcTimeoutException.class);
        assertThat(failure.isDefinite()).isFalse();

        // A new connect across the partition fails definitely once the invoke's time is up.
        CompletableFuture<RemotingCommand> during = invoke(echoRequest("during"), 1_000);
        world.runFor(1_001);
        RpcException connectFailure = failureOf(during);
        assertThat(connectFailure).isInstanceOf(RpcConnectException.class);
        assertThat(connectFailure.isDefinite()).isTrue();

        world.network().heal();
        world.runFor(world.config().connectTimeoutMs()); // let the stale connect attempt finish
        assertThat(echoNow("after heal").extField("echo")).isEqualTo("after heal");
    }

    @Test
    void connectToNobodyFailsDefinitely() {
        start(RpcConfig.defaults());
        CompletableFuture<RemotingCommand> future = onLoop(world, clientNode,
                () -> client.invoke("nowhere:1", echoRequest("x"), 1_000));
        world.runFor(1_001);
        RpcException failure = failureOf(future);
        assertThat(failure).isInstanceOf(RpcConnectException.class);
        assertThat(failure.isDefinite()).isTrue();
    }

    @Test
    void oversizedRequestIsRejectedBeforeSendingAndTheChannelStaysUsable() {
        start(RpcConfig.defaults());
        echoNow("connect first");
        CompletableFuture<RemotingCommand> future = invoke(
                RemotingCommand.request(ECHO).body(new byte[70 * 1024]).build(), 1_000);
        RpcException failure = failureOf(future);
        assertThat(failure).isInstanceOf(RpcFrameTooLargeException.class);
        assertThat(failure.isDefinite()).isTrue();
        assertThat(echoNow("still fine").extField("echo")).isEqualTo("still fine");
    }

    @Test
    void pendingLimitRejectsFurtherRequestsDefinitely() {
        start(RpcConfig.defaults().withMaxPendingRequestsPerChannel(2));
        echoNow("connect first");
        CompletableFuture<RemotingCommand> first = invoke(RemotingCommand.request(SILENT).build(), 60_000);
        CompletableFuture<RemotingCommand> second = invoke(RemotingCommand.request(SILENT).build(), 60_000);
        CompletableFuture<RemotingCommand> third = invoke(RemotingCommand.request(SILENT).build(), 60_000);
        RpcException failure = failureOf(third);
        assertThat(failure).isInstanceOf(RpcRejectedException.class);
        assertThat(failure.isDefinite()).isTrue();
        world.runFor(10);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(silentRequests).hasSize(2);
    }

    @Test
    void closedClientRejectsInvokes() {
        start(RpcConfig.defaults());
        echoNow("connect first");
        onLoop(world, clientNode, () -> {
            client.close();
            return null;
        });
        CompletableFuture<RemotingCommand> future = invoke(echoRequest("late"), 1_000);
        assertThat(failureOf(future)).isInstanceOf(RpcRejectedException.class);
        world.runFor(10);
        assertThat(serverCloses).isEqualTo(1);
    }

    @Test
    void failedProcessorFutureIsAnsweredWithTheHeaderExceptionsCode() {
        start(RpcConfig.defaults());
        CompletableFuture<RemotingCommand> future = invoke(RemotingCommand.request(FAILS_LATER).build(), 1_000);
        assertThat(world.runUntil(future::isDone, 1_000)).isTrue();
        assertThat(future.join().code()).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
        assertThat(future.join().remark()).isEqualTo("no group");
    }

    @Test
    void responseWithUnknownOpaqueIsDroppedAndTheChannelStaysOpen() {
        start(RpcConfig.defaults());
        echoNow("connect first");
        onLoop(world, serverNode, () -> {
            server.channels().get(0).connection().send(RemotingCodec.encode(
                    RemotingCommand.response(ResponseCode.SUCCESS).opaque(777_777).build()));
            return null;
        });
        world.runFor(10);
        assertThat(onLoop(world, clientNode, () -> client.channel(ADDRESS))).isNotNull();
        assertThat(echoNow("still fine").extField("echo")).isEqualTo("still fine");
    }

    @Test
    void serverClosesChannelsBeyondItsLimit() {
        start(RpcConfig.defaults().withMaxChannels(1), RpcConfig.defaults());
        echoNow("first client");
        SimNode secondNode = world.addNode("client-2");
        RpcClient second = onLoop(world, secondNode, () -> new RpcClient(secondNode.context(), RpcConfig.defaults()));
        CompletableFuture<RemotingCommand> future = onLoop(world, secondNode,
                () -> second.invoke(ADDRESS, echoRequest("refused"), 1_000));
        world.runFor(100);
        // Sent on a connection the server then closed: the client cannot tell it was not processed.
        assertThat(failureOf(future)).isInstanceOf(RpcConnectionClosedException.class);
        assertThat(onLoop(world, serverNode, () -> server.channels())).hasSize(1);
        assertThat(echoNow("first still served").extField("echo")).isEqualTo("first still served");
    }
}
