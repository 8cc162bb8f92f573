package io.gantry.nameserver.handler;

import io.gantry.protocol.header.Required;

/**
 * BROKER_HEARTBEAT (904) request header, 5.x only: a broker running with
 * {@code enableSlaveActingMaster} sends it every second to stay live between registrations
 * (it also asks for a short {@code heartbeatTimeoutMillis} then). Only the fields the nameserver
 * uses; the others (epoch, offsets, election priority) are ignored.
 */
record BrokerHeartbeatRequestHeader(
        @Required String clusterName,
        @Required String brokerAddr,
        @Required String brokerName) {
}
