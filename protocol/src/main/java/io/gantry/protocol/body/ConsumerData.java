package io.gantry.protocol.body;

import java.util.Set;

/** A consumer group a client belongs to, with its subscriptions, in a {@link HeartbeatData}. */
public record ConsumerData(String groupName, ConsumeType consumeType, MessageModel messageModel,
                           ConsumeFromWhere consumeFromWhere, Set<SubscriptionData> subscriptionDataSet,
                           boolean unitMode) {

    public ConsumerData {
        subscriptionDataSet = Copies.set(subscriptionDataSet);
    }
}
