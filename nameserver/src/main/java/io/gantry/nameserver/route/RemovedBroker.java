package io.gantry.nameserver.route;

/**
 * A broker address that left the routes, and why: for logs, and so the node can close the
 * connection of an expired broker.
 *
 * @param channelId the connection it had registered over, or {@link BrokerLiveInfo#NO_CHANNEL}
 */
public record RemovedBroker(String clusterName, String brokerName, long brokerId, String brokerAddr,
                            long channelId, Reason reason) {

    /** Why a broker left. */
    public enum Reason {
        /** It sent UNREGISTER_BROKER. */
        UNREGISTERED,
        /** It was silent for longer than its timeout. */
        EXPIRED,
        /** The connection it registered over closed. */
        CHANNEL_CLOSED,
        /** The same process re-registered as another broker group. */
        REPLACED
    }
}
