package io.gantry.client;

import io.gantry.protocol.body.ConsumerData;

/**
 * What a consumer tells its {@link ClientInstance}: the data its heartbeat carries, and a hook
 * for the broker's NOTIFY_CONSUMER_IDS_CHANGED. Called on the loop.
 */
public interface ConsumerMember {

    /** The consumer's group, type, model and subscriptions, as the heartbeat sends them. */
    ConsumerData consumerData();

    /** The group's membership changed: rebalance soon. */
    void onConsumerIdsChanged();
}
