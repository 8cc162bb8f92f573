package io.gantry.broker.config;

/** The broker's replication role, under RocketMQ's names. Only a master is built so far. */
public enum BrokerRole {
    ASYNC_MASTER,
    SYNC_MASTER,
    SLAVE
}
