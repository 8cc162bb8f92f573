package io.gantry.client;

import io.gantry.client.route.RouteTable;
import io.gantry.client.rpc.ClientRpc;
import io.gantry.protocol.body.ConsumerData;
import io.gantry.protocol.body.HeartbeatData;
import io.gantry.protocol.body.ProducerData;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.header.NotifyConsumerIdsChangedRequestHeader;
import io.gantry.protocol.header.UnregisterClientRequestHeader;
import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.UniqueIdGenerator;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.NodeContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core shared by every producer and consumer of one client id on one node: the RPC client,
 * the route cache, the UNIQ_KEY generator, and the periodic route refresh (30 s) and heartbeat
 * (30 s) that keep brokers aware of its producer and consumer groups. It answers the broker's
 * NOTIFY_CONSUMER_IDS_CHANGED by poking the group's consumer.
 *
 * <p>Loop-only: construct and call it on the node's loop. Producers and consumers
 * {@link #acquire()} it when they start and {@link #release()} it when they stop; it starts its
 * timers on the first acquire and closes its connections on the last release.
 */
public final class ClientInstance {

    private static final Logger LOG = LoggerFactory.getLogger(ClientInstance.class);
    /** Limit on groups registered on one instance. */
    public static final int MAX_GROUPS = 10_000;

    private final NodeContext context;
    private final ClientConfig config;
    private final String clientId;
    private final ClientRpc rpc;
    private final RouteTable routes;
    private final UniqueIdGenerator idGenerator;
    private final Set<String> producerGroups = new LinkedHashSet<>();
    private final Map<String, ConsumerMember> consumers = new LinkedHashMap<>();
    private final List<Cancellable> timers = new ArrayList<>();
    private int users;
    private boolean closed;

    public ClientInstance(NodeContext context, ClientConfig config) {
        this.context = Objects.requireNonNull(context, "context");
        this.config = Objects.requireNonNull(config, "config");
        String instance = config.instanceName().equals(ClientConfig.DEFAULT_INSTANCE)
                ? Long.toHexString(context.random().nextLong() & Long.MAX_VALUE)
                : config.instanceName();
        this.clientId = config.clientIp() + "@" + instance;
        RpcClient rpcClient = new RpcClient(context, RpcConfig.defaults());
        this.rpc = new ClientRpc(rpcClient);
        List<String> nameServers = config.nameServers();
        this.routes = new RouteTable(rpc, nameServers, config.rpcTimeoutMs(), context.random().nextInt(nameServers.size()));
        this.idGenerator = UniqueIdGenerator.create(ipBytes(config.clientIp()), context.clock(), context.random());
        rpcClient.processors().register(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (channel, request) -> {
            String group = request.decodeHeader(NotifyConsumerIdsChangedRequestHeader.class).consumerGroup();
            ConsumerMember member = consumers.get(group);
            if (member != null) {
                member.onConsumerIdsChanged();
            }
            return null;
        });
    }

    public NodeContext context() {
        return context;
    }

    public ClientConfig config() {
        return config;
    }

    /** {@code clientIp@instanceName}: this client's identity in heartbeats and rebalancing. */
    public String clientId() {
        return clientId;
    }

    public ClientRpc rpc() {
        return rpc;
    }

    public RouteTable routes() {
        return routes;
    }

    /** A fresh UNIQ_KEY, from the node's clock and random. */
    public String nextUniqueKey() {
        return idGenerator.next();
    }

    /** Registers a user; the first one starts the timers. */
    public void acquire() {
        assertLoop();
        if (closed) {
            throw new IllegalStateException("client instance " + clientId + " is closed");
        }
        users++;
        if (users == 1) {
            timers.add(context.scheduler().schedulePeriodic(config.pollNameServerIntervalMs(),
                    config.pollNameServerIntervalMs(), routes::refreshAll));
            timers.add(context.scheduler().schedulePeriodic(config.heartbeatIntervalMs(),
                    config.heartbeatIntervalMs(), this::heartbeatAll));
        }
    }

    /** Drops a user; the last one stops the timers and closes the connections. */
    public void release() {
        assertLoop();
        if (users == 0) {
            return;
        }
        users--;
        if (users == 0) {
            timers.forEach(Cancellable::cancel);
            timers.clear();
            closed = true;
            rpc.close();
        }
    }

    public void registerProducer(String group) {
        assertLoop();
        checkGroupLimit();
        producerGroups.add(group);
    }

    public void unregisterProducer(String group) {
        assertLoop();
        producerGroups.remove(group);
    }

    public void registerConsumer(String group, ConsumerMember member) {
        assertLoop();
        checkGroupLimit();
        if (consumers.containsKey(group)) {
            throw new IllegalStateException("consumer group " + group + " already has a consumer on client " + clientId);
        }
        consumers.put(group, member);
    }

    public void unregisterConsumer(String group) {
        assertLoop();
        consumers.remove(group);
    }

    /** Heartbeats every known broker (masters only when there is no consumer); completes when all answered or failed. */
    public CompletableFuture<Void> heartbeatAll() {
        assertLoop();
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        Set<ProducerData> producers = new LinkedHashSet<>();
        producerGroups.forEach(group -> producers.add(new ProducerData(group)));
        Set<ConsumerData> consumerData = new LinkedHashSet<>();
        consumers.values().forEach(member -> consumerData.add(member.consumerData()));
        if (producers.isEmpty() && consumerData.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] body = RemotingJson.encode(new HeartbeatData(clientId, producers, consumerData));
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (String address : routes.brokerAddresses(consumerData.isEmpty())) {
            RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT).body(body).build();
            sent.add(rpc.invoke(address, request, config.rpcTimeoutMs()).handle((response, failure) -> {
                if (failure != null) {
                    LOG.debug("{}: heartbeat to {} failed: {}", clientId, address, failure.toString());
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** Tells every known broker that {@code producerGroup} or {@code consumerGroup} of this client is gone. */
    public CompletableFuture<Void> unregisterClient(String producerGroup, String consumerGroup) {
        assertLoop();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (String address : routes.brokerAddresses(false)) {
            RemotingCommand request = RemotingCommand.request(RequestCode.UNREGISTER_CLIENT)
                    .header(new UnregisterClientRequestHeader(clientId, producerGroup, consumerGroup)).build();
            sent.add(rpc.invoke(address, request, config.rpcTimeoutMs()).handle((response, failure) -> null));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private void checkGroupLimit() {
        if (producerGroups.size() + consumers.size() >= MAX_GROUPS) {
            throw new IllegalStateException("more than " + MAX_GROUPS + " groups on client " + clientId);
        }
    }

    private void assertLoop() {
        assert context.scheduler().inLoop() : "client instance used off its loop";
    }

    private static byte[] ipBytes(String ip) {
        try {
            return HostAddress.parse(ip + ":0").ip();
        } catch (RuntimeException e) {
            throw new ValidationException("clientIp must be an IPv4 literal: " + ip);
        }
    }
}
