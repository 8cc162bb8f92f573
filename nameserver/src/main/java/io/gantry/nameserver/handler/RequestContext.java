package io.gantry.nameserver.handler;

/**
 * What a handler knows about a request besides the command itself.
 *
 * @param channelId     the id of the connection it came over (brokers are tied to it, so a close
 *                      removes them); {@link io.gantry.nameserver.route.BrokerLiveInfo#NO_CHANNEL} if none
 * @param remoteAddress the peer's address, for logs; may be null
 * @param nowMs         the node's monotonic time in milliseconds when the request is handled
 */
public record RequestContext(long channelId, String remoteAddress, long nowMs) {
}
