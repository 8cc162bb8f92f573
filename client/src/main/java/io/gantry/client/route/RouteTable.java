package io.gantry.client.route;

import io.gantry.client.ClientException;
import io.gantry.client.Names;
import io.gantry.client.RequestFailedException;
import io.gantry.client.rpc.ClientRpc;
import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.protocol.header.GetRouteInfoRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The client's route cache: topic routes fetched with GET_ROUTEINFO_BY_TOPIC from the
 * nameservers (one at a time, moving to the next on a definite failure), refreshed by
 * {@link #refreshAll()} (the client instance calls it every 30 s) and on a miss. Also the
 * broker name to address table built from every route seen. Loop-only.
 *
 * <p>A topic unknown to the nameservers gets, for publishing only, the route of the auto-create
 * key topic TBW102 with at most {@link #AUTO_CREATE_QUEUES} queues per broker, as RocketMQ's
 * producer does; the broker then creates the topic on the first send.
 */
public final class RouteTable {

    /** Queues per broker a producer asks for when the topic is auto-created. */
    public static final int AUTO_CREATE_QUEUES = 4;
    /** Limit on topics cached, so a runaway caller cannot grow the table without bound. */
    public static final int MAX_TOPICS = 100_000;

    private final ClientRpc rpc;
    private final List<String> nameServers;
    private final long timeoutMs;
    private final Map<String, TopicRouteData> routes = new LinkedHashMap<>();
    private final Map<String, TopicPublishInfo> publishInfos = new HashMap<>();
    private final Map<String, BrokerData> brokers = new HashMap<>();
    private int nameServerIndex;
    /** The broker id each queue's last pull answer suggested (suggestWhichBrokerId); bounded. */
    private final Map<io.gantry.protocol.body.MessageQueue, Long> suggestedBrokerIds = new HashMap<>();
    /** Most queues whose pull suggestion is remembered. */
    public static final int MAX_SUGGESTIONS = 100_000;

    public RouteTable(ClientRpc rpc, List<String> nameServers, long timeoutMs, int firstNameServer) {
        this.rpc = rpc;
        this.nameServers = List.copyOf(nameServers);
        this.timeoutMs = timeoutMs;
        this.nameServerIndex = Math.floorMod(firstNameServer, nameServers.size());
    }

    /** The cached route, or null. */
    public TopicRouteData cached(String topic) {
        return routes.get(topic);
    }

    /** Topics with a cached route. */
    public Set<String> topics() {
        return new TreeSet<>(routes.keySet());
    }

    /** Fetches {@code topic}'s route from a nameserver and caches it; fails with code 17 if there is none. */
    public CompletableFuture<TopicRouteData> refresh(String topic) {
        return fetch(topic, 0).thenApply(route -> {
            store(topic, route);
            return route;
        });
    }

    /** Re-fetches every cached topic; failures keep the old route. */
    public CompletableFuture<Void> refreshAll() {
        CompletableFuture<?>[] all = topics().stream()
                .map(topic -> refresh(topic).handle((route, failure) -> null))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all);
    }

    /** The cached route of {@code topic}, fetched first on a miss. */
    public CompletableFuture<TopicRouteData> route(String topic) {
        TopicRouteData route = routes.get(topic);
        return route != null ? CompletableFuture.completedFuture(route) : refresh(topic);
    }

    /**
     * Where {@code topic} can be published: from its route, or from TBW102's if the topic does
     * not exist yet (the broker will create it).
     */
    public CompletableFuture<TopicPublishInfo> publishInfo(String topic) {
        TopicPublishInfo cached = publishInfos.get(topic);
        if (cached != null && !cached.writeQueues().isEmpty()) {
            return CompletableFuture.completedFuture(cached);
        }
        return refresh(topic).thenApply(route -> publishInfos.get(topic)).exceptionallyCompose(failure -> {
            if (!isNoRoute(failure)) {
                return CompletableFuture.failedFuture(failure);
            }
            return fetch(Names.AUTO_CREATE_TOPIC_KEY, 0).thenApply(keyRoute -> {
                rememberBrokers(keyRoute);
                return TopicPublishInfo.from(topic, keyRoute, AUTO_CREATE_QUEUES);
            });
        });
    }

    /** The readable queues of {@code topic} from its cached route; empty if the topic has no cached route. */
    public List<MessageQueue> readQueues(String topic) {
        TopicPublishInfo info = publishInfos.get(topic);
        return info == null ? List.of() : info.readQueues();
    }

    /** The master address of {@code brokerName}, or null if no route named it. */
    public String masterAddress(String brokerName) {
        BrokerData broker = brokers.get(brokerName);
        return broker == null ? null : broker.masterAddr();
    }

    /**
     * The address to read {@code brokerName} from: the broker id the last pull answer for {@code queue}
     * suggested if the route names it, else the master, else the replica with the lowest id (a master
     * that is down leaves the route, and consumers keep reading from its slave). Null if none is known.
     */
    public String pullAddress(io.gantry.protocol.body.MessageQueue queue) {
        BrokerData broker = brokers.get(queue.brokerName());
        if (broker == null || broker.brokerAddrs().isEmpty()) {
            return null;
        }
        Long suggested = suggestedBrokerIds.get(queue);
        String address = suggested == null ? null : broker.brokerAddrs().get(suggested);
        return address != null ? address : anyReplica(broker);
    }

    /** The master of {@code brokerName}, else its replica with the lowest id (offsets go there when the master is gone). */
    public String offsetAddress(String brokerName) {
        BrokerData broker = brokers.get(brokerName);
        return broker == null || broker.brokerAddrs().isEmpty() ? null : anyReplica(broker);
    }

    private static String anyReplica(BrokerData broker) {
        String master = broker.masterAddr();
        if (master != null) {
            return master;
        }
        return new java.util.TreeMap<>(broker.brokerAddrs()).firstEntry().getValue();
    }

    /** Remembers the broker id a pull answer for {@code queue} suggested. */
    public void suggestBroker(io.gantry.protocol.body.MessageQueue queue, long brokerId) {
        if (suggestedBrokerIds.size() >= MAX_SUGGESTIONS && !suggestedBrokerIds.containsKey(queue)) {
            suggestedBrokerIds.clear();
        }
        suggestedBrokerIds.put(queue, brokerId);
    }

    /** Every known broker address, masters and slaves, sorted. */
    public Set<String> brokerAddresses(boolean mastersOnly) {
        Set<String> result = new TreeSet<>();
        for (BrokerData broker : brokers.values()) {
            if (mastersOnly) {
                if (broker.masterAddr() != null) {
                    result.add(broker.masterAddr());
                }
            } else {
                result.addAll(broker.brokerAddrs().values());
            }
        }
        return result;
    }

    /** Forgets {@code topic}. */
    public void forget(String topic) {
        routes.remove(topic);
        publishInfos.remove(topic);
    }

    /** True if {@code failure} says the nameserver has no route for the topic. */
    public static boolean isNoRoute(Throwable failure) {
        return ClientRpc.unwrap(failure) instanceof RequestFailedException e && e.responseCode() == ResponseCode.TOPIC_NOT_EXIST;
    }

    private void store(String topic, TopicRouteData route) {
        if (!routes.containsKey(topic) && routes.size() >= MAX_TOPICS) {
            throw new IllegalStateException("more than " + MAX_TOPICS + " topics in the route table");
        }
        routes.put(topic, route);
        publishInfos.put(topic, TopicPublishInfo.from(topic, route, Integer.MAX_VALUE));
        rememberBrokers(route);
    }

    private void rememberBrokers(TopicRouteData route) {
        for (BrokerData broker : route.brokerDatas()) {
            brokers.put(broker.brokerName(), broker);
        }
    }

    /** Asks nameservers in turn, starting at the current one; moves on after a definite failure that is not "no route". */
    private CompletableFuture<TopicRouteData> fetch(String topic, int attempt) {
        String address = nameServers.get(nameServerIndex);
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                .header(new GetRouteInfoRequestHeader(topic, null)).build();
        return rpc.invoke(address, request, timeoutMs).thenApply(response -> {
            if (response.code() != ResponseCode.SUCCESS) {
                throw new RequestFailedException(response.code(), response.remark(), null);
            }
            return RemotingJson.decode(response.body(), TopicRouteData.class);
        }).exceptionallyCompose(failure -> {
            Throwable cause = ClientRpc.unwrap(failure);
            boolean tryNext = cause instanceof ClientException ce && !isNoRoute(ce) && attempt + 1 < nameServers.size();
            if (tryNext) {
                nameServerIndex = (nameServerIndex + 1) % nameServers.size();
                return fetch(topic, attempt + 1);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }
}
