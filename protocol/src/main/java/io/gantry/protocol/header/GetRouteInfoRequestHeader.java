package io.gantry.protocol.header;

/**
 * GET_ROUTEINFO_BY_TOPIC (105) request, client to nameserver.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetRouteInfoRequestHeader(
        @Required String topic,
        Boolean acceptStandardJsonOnly) {}
