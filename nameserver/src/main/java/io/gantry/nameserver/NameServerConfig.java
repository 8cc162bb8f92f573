package io.gantry.nameserver;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nameserver's settings, with RocketMQ's key names where RocketMQ has them.
 *
 * <p>Validated on construction: a bad value throws {@link IllegalArgumentException} whose message
 * starts with the key's name, so start-up can report it as is.
 *
 * @param listenHost                     interface to listen on
 * @param listenPort                     port to listen on (0 picks a free one); RocketMQ's 9876
 * @param scanNotActiveBrokerIntervalMs  period of the scan that drops silent brokers
 * @param brokerChannelExpiredTimeMs     a broker silent this long leaves the routes (unless its
 *                                       registration asks for its own timeout)
 * @param orderMessageEnable             put {@code ORDER_TOPIC_CONFIG/<topic>} into routes as
 *                                       {@code orderTopicConf}; off by default, as in RocketMQ
 * @param maxBrokerAddrs                 limit on registered broker addresses
 * @param maxTopics                      limit on topics in the route table
 * @param maxKvEntries                   limit on KV config entries over all namespaces
 */
public record NameServerConfig(
        String listenHost,
        int listenPort,
        long scanNotActiveBrokerIntervalMs,
        long brokerChannelExpiredTimeMs,
        boolean orderMessageEnable,
        int maxBrokerAddrs,
        int maxTopics,
        int maxKvEntries) {

    public static final String DEFAULT_LISTEN_HOST = "0.0.0.0";
    public static final int DEFAULT_LISTEN_PORT = 9876;
    public static final long DEFAULT_SCAN_NOT_ACTIVE_BROKER_INTERVAL_MS = 5_000;
    public static final long DEFAULT_BROKER_CHANNEL_EXPIRED_TIME_MS = 120_000;
    public static final int DEFAULT_MAX_BROKER_ADDRS = 4_096;
    public static final int DEFAULT_MAX_TOPICS = 1_000_000;
    public static final int DEFAULT_MAX_KV_ENTRIES = 100_000;

    /** Upper bound on the two durations: a day. Anything longer is a typo. */
    static final long MAX_DURATION_MS = 86_400_000L;

    public NameServerConfig {
        require(listenHost != null && !listenHost.isBlank(), "listenHost", "must not be empty");
        require(listenPort >= 0 && listenPort <= 65_535, "listenPort", "must be in 0..65535, was " + listenPort);
        require(scanNotActiveBrokerIntervalMs > 0 && scanNotActiveBrokerIntervalMs <= MAX_DURATION_MS,
                "scanNotActiveBrokerIntervalMs", "must be in 1.." + MAX_DURATION_MS + ", was " + scanNotActiveBrokerIntervalMs);
        require(brokerChannelExpiredTimeMs > 0 && brokerChannelExpiredTimeMs <= MAX_DURATION_MS,
                "brokerChannelExpiredTimeMs", "must be in 1.." + MAX_DURATION_MS + ", was " + brokerChannelExpiredTimeMs);
        require(maxBrokerAddrs > 0, "maxBrokerAddrs", "must be positive, was " + maxBrokerAddrs);
        require(maxTopics > 0, "maxTopics", "must be positive, was " + maxTopics);
        require(maxKvEntries > 0, "maxKvEntries", "must be positive, was " + maxKvEntries);
    }

    /** RocketMQ's defaults: port 9876, scan every 5 s, expiry after 120 s. */
    public static NameServerConfig defaults() {
        return new NameServerConfig(DEFAULT_LISTEN_HOST, DEFAULT_LISTEN_PORT,
                DEFAULT_SCAN_NOT_ACTIVE_BROKER_INTERVAL_MS, DEFAULT_BROKER_CHANNEL_EXPIRED_TIME_MS,
                false, DEFAULT_MAX_BROKER_ADDRS, DEFAULT_MAX_TOPICS, DEFAULT_MAX_KV_ENTRIES);
    }

    public NameServerConfig withListen(String host, int port) {
        return new NameServerConfig(host, port, scanNotActiveBrokerIntervalMs, brokerChannelExpiredTimeMs,
                orderMessageEnable, maxBrokerAddrs, maxTopics, maxKvEntries);
    }

    public NameServerConfig withOrderMessageEnable(boolean enable) {
        return new NameServerConfig(listenHost, listenPort, scanNotActiveBrokerIntervalMs, brokerChannelExpiredTimeMs,
                enable, maxBrokerAddrs, maxTopics, maxKvEntries);
    }

    /** The address to listen on, {@code host:port}. */
    public String listenAddress() {
        return listenHost + ":" + listenPort;
    }

    /** The settings by RocketMQ key name, in declaration order: what GET_NAMESRV_CONFIG shows. */
    public Map<String, String> asProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("listenHost", listenHost);
        properties.put("listenPort", Integer.toString(listenPort));
        properties.put("scanNotActiveBrokerInterval", Long.toString(scanNotActiveBrokerIntervalMs));
        properties.put("brokerChannelExpiredTime", Long.toString(brokerChannelExpiredTimeMs));
        properties.put("orderMessageEnable", Boolean.toString(orderMessageEnable));
        properties.put("maxBrokerAddrs", Integer.toString(maxBrokerAddrs));
        properties.put("maxTopics", Integer.toString(maxTopics));
        properties.put("maxKvEntries", Integer.toString(maxKvEntries));
        return properties;
    }

    private static void require(boolean condition, String key, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(key + ": " + problem);
        }
    }
}
