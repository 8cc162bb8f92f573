package io.gantry.broker.client;

import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.ConsumeType;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.SubscriptionData;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One consumer group: its members' channels (keyed by channel id), how it consumes, and its
 * subscriptions by topic as the latest heartbeat stated them.
 */
public final class ConsumerGroupInfo {

    private final String group;
    private final Map<Long, ClientChannel> members = new LinkedHashMap<>();
    private final Map<String, SubscriptionData> subscriptions = new TreeMap<>();
    private ConsumeType consumeType;
    private MessageModel messageModel;
    private ConsumeFromWhere consumeFromWhere;

    ConsumerGroupInfo(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    public ConsumeType consumeType() {
        return consumeType;
    }

    public MessageModel messageModel() {
        return messageModel;
    }

    public ConsumeFromWhere consumeFromWhere() {
        return consumeFromWhere;
    }

    /** The subscription of {@code topic}, or null. */
    public SubscriptionData subscription(String topic) {
        return subscriptions.get(topic);
    }

    public Map<String, SubscriptionData> subscriptions() {
        return Collections.unmodifiableMap(subscriptions);
    }

    public Collection<ClientChannel> members() {
        return Collections.unmodifiableCollection(members.values());
    }

    /** Member client ids, sorted and without duplicates: what every broker must answer alike. */
    public List<String> clientIds() {
        Set<String> ids = new TreeSet<>();
        members.values().forEach(m -> ids.add(m.clientId()));
        return List.copyOf(ids);
    }

    /** Adds or refreshes a member; true if it is new to the group. */
    boolean upsert(ClientChannel channel, ConsumeType type, MessageModel model, ConsumeFromWhere from, long nowMs) {
        consumeType = type;
        messageModel = model;
        consumeFromWhere = from;
        ClientChannel existing = members.get(channel.channel().id());
        if (existing != null && existing.clientId().equals(channel.clientId())) {
            existing.touch(nowMs);
            return false;
        }
        members.put(channel.channel().id(), channel);
        return true;
    }

    /** Replaces the subscriptions by topic; a subscription whose version is older than the held one is kept. */
    void updateSubscriptions(Set<SubscriptionData> stated) {
        Map<String, SubscriptionData> next = new TreeMap<>();
        for (SubscriptionData data : stated) {
            if (data.topic() == null) {
                continue;
            }
            SubscriptionData held = subscriptions.get(data.topic());
            next.put(data.topic(), held != null && held.subVersion() > data.subVersion() ? held : data);
        }
        subscriptions.clear();
        subscriptions.putAll(next);
    }

    boolean remove(long channelId) {
        return members.remove(channelId) != null;
    }

    ClientChannel member(long channelId) {
        return members.get(channelId);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }
}
