package io.gantry.client.consumer.rebalance;

import io.gantry.client.ClientInstance;
import io.gantry.client.RequestFailedException;
import io.gantry.protocol.body.GetConsumerListByGroupResponseBody;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.header.GetConsumerListByGroupRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works out one member's share of a topic: the topic's read queues from the route, the group's
 * members from a broker (GET_CONSUMER_LIST_BY_GROUP), then the {@link AllocateStrategy}. For
 * broadcasting every member takes every queue. Loop-only.
 */
public final class Rebalancer {

    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);

    private final ClientInstance client;
    private final String group;
    private final AllocateStrategy strategy;
    private final boolean broadcasting;

    public Rebalancer(ClientInstance client, String group, AllocateStrategy strategy, boolean broadcasting) {
        this.client = client;
        this.group = group;
        this.strategy = strategy;
        this.broadcasting = broadcasting;
    }

    /** This client's queues of {@code topic}, fresh from the route and the group's member list. */
    public CompletableFuture<Set<MessageQueue>> assignment(String topic) {
        return client.routes().refresh(topic).thenCompose(route -> {
            List<MessageQueue> queues = client.routes().readQueues(topic);
            if (broadcasting || queues.isEmpty()) {
                return CompletableFuture.completedFuture((Set<MessageQueue>) new TreeSet<>(queues));
            }
            // The master, or a slave while the master is out of the route (RocketMQ asks any replica too).
            String address = client.routes().offsetAddress(queues.get(0).brokerName());
            return members(address).thenApply(ids -> {
                if (!ids.contains(client.clientId())) {
                    // The broker has not seen our heartbeat yet: take nothing rather than guess.
                    return new TreeSet<>();
                }
                return new TreeSet<>(strategy.allocate(client.clientId(), queues, ids));
            });
        });
    }

    /**
     * This client's queues across {@code topics}. A topic whose rebalance fails keeps the queues
     * of it in {@code held}, rather than dropping them on a transient error. Never fails.
     */
    public CompletableFuture<Set<MessageQueue>> assignment(Collection<String> topics, Collection<MessageQueue> held) {
        Set<MessageQueue> wanted = new TreeSet<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String topic : topics) {
            all.add(assignment(topic).handle((mine, failure) -> {
                if (failure != null) {
                    LOG.debug("{}: rebalance of {} failed: {}", group, topic, failure.toString());
                    held.stream().filter(q -> q.topic().equals(topic)).forEach(wanted::add);
                } else {
                    wanted.addAll(mine);
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> wanted);
    }

    /** The group's member ids as {@code address} knows them. */
    public CompletableFuture<List<String>> members(String address) {
        if (address == null) {
            return CompletableFuture.failedFuture(RequestFailedException.local("no broker address for group " + group, null));
        }
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .header(new GetConsumerListByGroupRequestHeader(group)).build();
        return client.rpc().invoke(address, request, client.config().rpcTimeoutMs()).thenApply(response -> {
            if (response.code() != ResponseCode.SUCCESS) {
                throw new RequestFailedException(response.code(), response.remark(), null);
            }
            return RemotingJson.decode(response.body(), GetConsumerListByGroupResponseBody.class).consumerIdList();
        });
    }
}
