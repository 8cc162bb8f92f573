package io.gantry.broker.client;

import io.gantry.protocol.body.ConsumerData;
import io.gantry.protocol.rpc.RemotingChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The broker's view of its clients: producer groups and consumer groups with their member channels,
 * as heartbeats state them. A channel leaves every group when it closes, when the client unregisters,
 * or after {@code channelExpiredTimeoutMs} without a heartbeat ({@link #expire}). Lives on the
 * broker's loop.
 */
public final class ClientManager {

    /** Largest number of groups tracked, producers and consumers each. */
    public static final int MAX_GROUPS = 100_000;

    private final Map<String, Map<Long, ClientChannel>> producers = new TreeMap<>();
    private final Map<String, ConsumerGroupInfo> consumers = new TreeMap<>();

    /** Registers or refreshes a producer channel. */
    public void registerProducer(String group, ClientChannel channel, long nowMs) {
        Map<Long, ClientChannel> members = producers.get(group);
        if (members == null) {
            if (producers.size() >= MAX_GROUPS) {
                return;
            }
            members = new LinkedHashMap<>();
            producers.put(group, members);
        }
        ClientChannel existing = members.get(channel.channel().id());
        if (existing != null) {
            existing.touch(nowMs);
        } else {
            members.put(channel.channel().id(), channel);
        }
    }

    /**
     * Registers or refreshes a consumer channel in its group and the group's subscriptions.
     *
     * @return true if the group's membership changed (a new member)
     */
    public boolean registerConsumer(ConsumerData data, ClientChannel channel, long nowMs) {
        ConsumerGroupInfo group = consumers.get(data.groupName());
        if (group == null) {
            if (consumers.size() >= MAX_GROUPS) {
                throw new IllegalStateException("the broker tracks " + MAX_GROUPS + " consumer groups");
            }
            group = new ConsumerGroupInfo(data.groupName());
            consumers.put(data.groupName(), group);
        }
        boolean added = group.upsert(channel, data.consumeType(), data.messageModel(), data.consumeFromWhere(), nowMs);
        group.updateSubscriptions(data.subscriptionDataSet());
        return added;
    }

    /** Removes the channel from the named groups (UNREGISTER_CLIENT); returns consumer groups that lost it. */
    public List<String> unregister(RemotingChannel channel, String producerGroup, String consumerGroup) {
        if (producerGroup != null) {
            removeProducer(producerGroup, channel.id());
        }
        List<String> changed = new ArrayList<>();
        if (consumerGroup != null) {
            ConsumerGroupInfo group = consumers.get(consumerGroup);
            if (group != null && group.remove(channel.id())) {
                changed.add(consumerGroup);
                if (group.isEmpty()) {
                    consumers.remove(consumerGroup);
                }
            }
        }
        return changed;
    }

    /** Removes a closed channel from every group; returns the consumer groups that lost a member. */
    public List<String> onChannelClosed(long channelId) {
        for (String group : new ArrayList<>(producers.keySet())) {
            removeProducer(group, channelId);
        }
        List<String> changed = new ArrayList<>();
        for (ConsumerGroupInfo group : new ArrayList<>(consumers.values())) {
            if (group.remove(channelId)) {
                changed.add(group.group());
                if (group.isEmpty()) {
                    consumers.remove(group.group());
                }
            }
        }
        return changed;
    }

    /** The channels silent for longer than {@code timeoutMs}; the caller closes them. */
    public List<RemotingChannel> expired(long nowMs, long timeoutMs) {
        Map<Long, RemotingChannel> silent = new TreeMap<>();
        producers.values().forEach(members -> members.values().forEach(c -> {
            if (nowMs - c.lastUpdateMs() > timeoutMs) {
                silent.put(c.channel().id(), c.channel());
            }
        }));
        consumers.values().forEach(group -> group.members().forEach(c -> {
            if (nowMs - c.lastUpdateMs() > timeoutMs) {
                silent.put(c.channel().id(), c.channel());
            }
        }));
        return List.copyOf(silent.values());
    }

    private void removeProducer(String group, long channelId) {
        Map<Long, ClientChannel> members = producers.get(group);
        if (members != null) {
            members.remove(channelId);
            if (members.isEmpty()) {
                producers.remove(group);
            }
        }
    }

    /** One open channel of a producer group (the most recently registered), or null. */
    public RemotingChannel producerChannel(String group) {
        Map<Long, ClientChannel> members = group == null ? null : producers.get(group);
        if (members == null) {
            return null;
        }
        RemotingChannel found = null;
        for (ClientChannel member : members.values()) {
            if (member.channel().isOpen()) {
                found = member.channel();
            }
        }
        return found;
    }

    /** The consumer group, or null. */
    public ConsumerGroupInfo consumerGroup(String group) {
        return consumers.get(group);
    }

    public Map<String, ConsumerGroupInfo> consumerGroups() {
        return Collections.unmodifiableMap(consumers);
    }

    /** The members of a producer group, in registration order; empty if none. */
    public List<ClientChannel> producerMembers(String group) {
        Map<Long, ClientChannel> members = group == null ? null : producers.get(group);
        return members == null ? List.of() : List.copyOf(members.values());
    }

    /** Producer group names with at least one channel. */
    public List<String> producerGroups() {
        return List.copyOf(new TreeSet<>(producers.keySet()));
    }
}
