package io.gantry.nameserver.route;

/**
 * Bounds on the route table, so a misbehaving broker cannot grow it without limit.
 *
 * @param maxBrokerAddrs registered broker addresses, over all groups
 * @param maxTopics      topics with at least one queue data
 */
public record RouteLimits(int maxBrokerAddrs, int maxTopics) {

    public RouteLimits {
        if (maxBrokerAddrs <= 0 || maxTopics <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxBrokerAddrs + ", " + maxTopics);
        }
    }
}
