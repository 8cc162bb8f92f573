package io.gantry.e2e;

import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.QueueData;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.protocol.rpc.RpcServer;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.prod.ProductionRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A nameserver and broker in one, over the same RPC seams as the real ones, that misbehaves on
 * sends: it answers routes (every topic: 4 queues on itself), heartbeats and unregistrations, and
 * then either never answers a send ({@link Mode#SILENT}) or drops the connection on it
 * ({@link Mode#HANG_UP}). It counts the sends it received: the broker may well have stored them,
 * which is why the client must call the outcome indeterminate.
 */
final class StubBroker implements AutoCloseable {

    enum Mode { SILENT, HANG_UP }

    static final String BROKER_NAME = "stub-broker";

    private final ProductionRuntime runtime;
    private final RpcServer server;
    private final String address;
    private final AtomicInteger sendsReceived;

    private StubBroker(ProductionRuntime runtime, RpcServer server, String address, AtomicInteger sendsReceived) {
        this.runtime = runtime;
        this.server = server;
        this.address = address;
        this.sendsReceived = sendsReceived;
    }

    static StubBroker start(Path dir, Mode mode) throws IOException {
        ProductionRuntime runtime = ProductionRuntime.create("stub", dir);
        NodeContext context = runtime.context();
        AtomicInteger sends = new AtomicInteger();
        RpcServer server = OnLoop.call(context, () -> new RpcServer(context, RpcConfig.defaults()));
        String[] self = new String[1];
        OnLoop.call(context, () -> {
            server.processors()
                    .register(RequestCode.GET_ROUTEINFO_BY_TOPIC, (channel, request) -> {
                        TopicRouteData route = new TopicRouteData(List.of(new QueueData(BROKER_NAME, 4, 4, 6, 0)),
                                List.of(new BrokerData("StubCluster", BROKER_NAME, Map.of(BrokerData.MASTER_ID, self[0]))));
                        return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS)
                                .body(RemotingJson.encode(route)).build());
                    })
                    .register(RequestCode.HEART_BEAT, (channel, request) -> ok())
                    .register(RequestCode.UNREGISTER_CLIENT, (channel, request) -> ok())
                    .register(RequestCode.SEND_MESSAGE_V2, (channel, request) -> {
                        sends.incrementAndGet();
                        if (mode == Mode.HANG_UP) {
                            channel.close();
                        }
                        return new CompletableFuture<>();
                    });
            String bound = server.start("127.0.0.1:0");
            self[0] = "127.0.0.1:" + bound.substring(bound.lastIndexOf(':') + 1);
            return null;
        });
        return new StubBroker(runtime, server, self[0], sends);
    }

    private static CompletableFuture<RemotingCommand> ok() {
        return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }

    /** Where clients find it (as their nameserver) and where its route sends them. */
    String address() {
        return address;
    }

    int sendsReceived() {
        return sendsReceived.get();
    }

    @Override
    public void close() {
        try {
            OnLoop.call(runtime.context(), () -> {
                server.close();
                return null;
            });
        } finally {
            runtime.close();
        }
    }
}
