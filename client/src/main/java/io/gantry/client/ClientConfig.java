package io.gantry.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings shared by every producer and consumer of one {@link ClientInstance}. Defaults follow
 * RocketMQ 4.9's client (route refresh 30 s, heartbeat 30 s, offset persist 5 s, rebalance 20 s,
 * RPC timeout 3 s).
 *
 * @param nameServerAddresses        {@code host:port;host:port}
 * @param clientIp                   the IPv4 address put into client ids and UNIQ_KEYs
 * @param instanceName               the client id's instance part; {@code DEFAULT} is replaced by a random name
 * @param rpcTimeoutMs               timeout of control RPCs (routes, heartbeats, offsets)
 * @param pollNameServerIntervalMs   period of the route refresh
 * @param heartbeatIntervalMs        period of heartbeats to brokers
 * @param persistOffsetIntervalMs    period of consumer offset persistence
 * @param rebalanceIntervalMs        period of consumer rebalancing
 * @param facadeMarginMs             how much longer than an operation's own timeout a blocking
 *                                   facade waits before giving up (covers a busy loop)
 */
public record ClientConfig(String nameServerAddresses, String clientIp, String instanceName, long rpcTimeoutMs,
        long pollNameServerIntervalMs, long heartbeatIntervalMs, long persistOffsetIntervalMs,
        long rebalanceIntervalMs, long facadeMarginMs) {

    public static final String DEFAULT_INSTANCE = "DEFAULT";
    /** Limit on nameserver addresses in one config. */
    public static final int MAX_NAME_SERVERS = 64;

    public ClientConfig {
        Objects.requireNonNull(nameServerAddresses, "nameServerAddresses");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(instanceName, "instanceName");
        if (parseAddresses(nameServerAddresses).isEmpty()) {
            throw new ValidationException("no nameserver address in '" + nameServerAddresses + "'");
        }
        positive(rpcTimeoutMs, "rpcTimeoutMs");
        positive(pollNameServerIntervalMs, "pollNameServerIntervalMs");
        positive(heartbeatIntervalMs, "heartbeatIntervalMs");
        positive(persistOffsetIntervalMs, "persistOffsetIntervalMs");
        positive(rebalanceIntervalMs, "rebalanceIntervalMs");
        positive(facadeMarginMs, "facadeMarginMs");
    }

    /** Defaults for the given nameservers. */
    public static ClientConfig of(String nameServerAddresses) {
        return new ClientConfig(nameServerAddresses, "127.0.0.1", DEFAULT_INSTANCE, 3_000, 30_000, 30_000, 5_000,
                20_000, 5_000);
    }

    public ClientConfig withClientIp(String value) {
        return new ClientConfig(nameServerAddresses, value, instanceName, rpcTimeoutMs, pollNameServerIntervalMs,
                heartbeatIntervalMs, persistOffsetIntervalMs, rebalanceIntervalMs, facadeMarginMs);
    }

    public ClientConfig withInstanceName(String value) {
        return new ClientConfig(nameServerAddresses, clientIp, value, rpcTimeoutMs, pollNameServerIntervalMs,
                heartbeatIntervalMs, persistOffsetIntervalMs, rebalanceIntervalMs, facadeMarginMs);
    }

    public ClientConfig withRpcTimeoutMs(long value) {
        return new ClientConfig(nameServerAddresses, clientIp, instanceName, value, pollNameServerIntervalMs,
                heartbeatIntervalMs, persistOffsetIntervalMs, rebalanceIntervalMs, facadeMarginMs);
    }

    public ClientConfig withRebalanceIntervalMs(long value) {
        return new ClientConfig(nameServerAddresses, clientIp, instanceName, rpcTimeoutMs, pollNameServerIntervalMs,
                heartbeatIntervalMs, persistOffsetIntervalMs, value, facadeMarginMs);
    }

    public ClientConfig withPersistOffsetIntervalMs(long value) {
        return new ClientConfig(nameServerAddresses, clientIp, instanceName, rpcTimeoutMs, pollNameServerIntervalMs,
                heartbeatIntervalMs, value, rebalanceIntervalMs, facadeMarginMs);
    }

    public ClientConfig withPollNameServerIntervalMs(long value) {
        return new ClientConfig(nameServerAddresses, clientIp, instanceName, rpcTimeoutMs, value,
                heartbeatIntervalMs, persistOffsetIntervalMs, rebalanceIntervalMs, facadeMarginMs);
    }

    /** The nameserver addresses, in order. */
    public List<String> nameServers() {
        return parseAddresses(nameServerAddresses);
    }

    private static List<String> parseAddresses(String text) {
        List<String> result = new ArrayList<>();
        for (String part : text.split(";")) {
            String address = part.trim();
            if (!address.isEmpty()) {
                if (address.lastIndexOf(':') < 1) {
                    throw new ValidationException("nameserver address without port: " + address);
                }
                result.add(address);
            }
        }
        if (result.size() > MAX_NAME_SERVERS) {
            throw new ValidationException("more than " + MAX_NAME_SERVERS + " nameservers");
        }
        return result;
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
