package io.gantry.protocol.body;

import java.util.Map;
import java.util.Set;

/** GET_CONSUMER_CONNECTION_LIST response body: a group's live channels and its subscriptions by topic. */
public record ConsumerConnection(Set<ClientConnection> connectionSet, Map<String, SubscriptionData> subscriptionTable,
                                 ConsumeType consumeType, MessageModel messageModel, ConsumeFromWhere consumeFromWhere) {

    public ConsumerConnection {
        connectionSet = Copies.set(connectionSet);
        subscriptionTable = Copies.map(subscriptionTable);
    }
}
