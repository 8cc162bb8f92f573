package io.gantry.nameserver;

import io.gantry.nameserver.handler.NameServerHandlers;
import io.gantry.nameserver.handler.RequestContext;
import io.gantry.nameserver.handler.RequestHandler;
import io.gantry.nameserver.kv.KvConfigFile;
import io.gantry.nameserver.kv.KvConfigPersister;
import io.gantry.nameserver.kv.KvConfigTable;
import io.gantry.nameserver.route.BrokerLiveInfo;
import io.gantry.nameserver.route.RemovedBroker;
import io.gantry.nameserver.route.RouteLimits;
import io.gantry.nameserver.route.RouteTable;
import io.gantry.protocol.rpc.ChannelListener;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.protocol.rpc.RpcServer;
import io.gantry.runtime.NodeContext;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nameserver node: serves the {@link NameServerHandlers} on an {@link RpcServer} at
 * {@code listenHost:listenPort}, drops a broker at once when the connection it registered over
 * closes, and scans for silent brokers every {@code scanNotActiveBrokerIntervalMs}.
 *
 * <p>Everything runs on the node's loop: call {@link #start()} and {@link #shutdown()} there. The
 * same class runs in production and in the simulation; it touches the world only through its
 * {@link NodeContext}. Routes are in memory: a restarted nameserver learns them again from the
 * brokers' next registrations (every 30 s), as RocketMQ's does. The KV configuration is saved to
 * {@code kvConfig.json} in the node's disk root after each change and loaded at start.
 */
public final class NameServer {

    private static final Logger LOG = LoggerFactory.getLogger(NameServer.class);

    private final NodeContext context;
    private final NameServerConfig config;
    private final RouteTable routes;
    private final KvConfigTable kvConfig;
    private final NameServerHandlers handlers;
    private final RpcServer server;
    private final BrokerLivenessScanner scanner;
    private final KvConfigPersister kvPersister;
    private boolean started;
    private boolean shutDown;

    public NameServer(NodeContext context, NameServerConfig config) {
        this.context = Objects.requireNonNull(context, "context");
        this.config = Objects.requireNonNull(config, "config");
        this.routes = new RouteTable(new RouteLimits(config.maxBrokerAddrs(), config.maxTopics()));
        this.kvConfig = new KvConfigTable(config.maxKvEntries());
        this.handlers = new NameServerHandlers(config, routes, kvConfig);
        this.server = new RpcServer(context, RpcConfig.defaults());
        this.scanner = new BrokerLivenessScanner(context.scheduler(), routes, config.scanNotActiveBrokerIntervalMs(),
                this::closeChannelOf);
        this.kvPersister = new KvConfigPersister(context.scheduler(), context.disk(), kvConfig::snapshot);
    }

    /**
     * Loads the saved KV configuration, registers the request processors, starts listening and
     * starts the liveness scan. Returns the bound address (with the real port when 0 was asked
     * for). Call on the loop, once. Reads {@code kvConfig.json} on the loop: it is small, and
     * nothing else is being served yet.
     *
     * @throws IOException if the KV file cannot be read or the address cannot be bound
     */
    public String start() throws IOException {
        assert context.scheduler().inLoop() : "start off the loop";
        if (started || shutDown) {
            throw new IllegalStateException("nameserver already started or shut down");
        }
        started = true;
        loadKvConfig();
        handlers.handlers().forEach((code, handler) -> server.processors().register(code,
                (channel, request) -> CompletableFuture.completedFuture(handler.handle(contextOf(channel), request))));
        server.addChannelListener(new ChannelListener() {
            @Override
            public void onChannelClose(RemotingChannel channel, Throwable cause) {
                routes.onChannelClosed(channel.id());
            }
        });
        String address = server.start(config.listenAddress());
        scanner.start();
        LOG.info("nameserver {} listening on {}", context.nodeId(), address);
        return address;
    }

    private void loadKvConfig() throws IOException {
        Map<String, Map<String, String>> saved = KvConfigFile.read(context.disk());
        try {
            saved.forEach((namespace, table) -> table.forEach((key, value) -> kvConfig.put(namespace, key, value)));
        } catch (IllegalStateException e) {
            throw new IOException(KvConfigFile.FILE_NAME + ": " + e.getMessage(), e);
        }
        kvConfig.setChangeListener(kvPersister::requestSave);
        if (kvConfig.size() > 0) {
            LOG.info("loaded {} KV config entries from {}", kvConfig.size(), KvConfigFile.FILE_NAME);
        }
    }

    private RequestContext contextOf(RemotingChannel channel) {
        return new RequestContext(channel.id(), channel.remoteAddress(), context.clock().monotonicMs());
    }

    private void closeChannelOf(RemovedBroker expired) {
        if (expired.channelId() == BrokerLiveInfo.NO_CHANNEL) {
            return;
        }
        for (RemotingChannel channel : server.channels()) {
            if (channel.id() == expired.channelId()) {
                channel.close();
                return;
            }
        }
    }

    /** Stops the scan, stops listening and closes every connection. Call on the loop; idempotent. */
    public void shutdown() {
        assert context.scheduler().inLoop() : "shutdown off the loop";
        if (shutDown) {
            return;
        }
        shutDown = true;
        scanner.stop();
        server.close();
        LOG.info("nameserver {} shut down", context.nodeId());
    }

    /** The bound address; null before {@link #start()}. */
    public String address() {
        return server.address();
    }

    /** The route table, for tests and in-process tools. Use on the loop only. */
    public RouteTable routeTable() {
        return routes;
    }

    /** The KV configuration, for tests and in-process tools. Use on the loop only. */
    public KvConfigTable kvConfig() {
        return kvConfig;
    }

    /** The KV configuration's saver, for tests that wait for a save. Use on the loop only. */
    public KvConfigPersister kvPersister() {
        return kvPersister;
    }

    /** The handler for one request code, or null: lets in-process callers skip the network. */
    public RequestHandler handlerFor(int requestCode) {
        return handlers.handlers().get(requestCode);
    }
}
