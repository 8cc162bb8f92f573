package io.gantry.broker.config;

/**
 * The broker's replication role, under RocketMQ's names: a master (brokerId 0) that answers sends at
 * once (ASYNC_MASTER) or only once a slave has the message (SYNC_MASTER), or a read-only SLAVE
 * (brokerId 1 and up) copying its master's commit log. See docs/ha.md.
 */
public enum BrokerRole {
    ASYNC_MASTER,
    SYNC_MASTER,
    SLAVE
}
