package io.gantry.broker.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The broker's own settings, under RocketMQ's key names and with its 4.9.x defaults. The store's
 * settings are a separate {@link io.gantry.store.StoreConfig}.
 *
 * <p>Build one with {@link #builder()}; {@link Builder#build()} validates every value and names the
 * offending key in the {@link IllegalArgumentException}.
 *
 * <p>The server binds {@code brokerIP1:listenPort} (port 0 picks a free one) and advertises the bound
 * address to nameservers and in message ids; {@code brokerIP1} must be an IPv4 literal because it is
 * the store host written into every record.
 *
 * @param brokerClusterName          cluster name ("DefaultCluster")
 * @param brokerName                 broker (replica set) name ("broker-a")
 * @param brokerId                   0 for the master
 * @param brokerRole                 ASYNC_MASTER (default), SYNC_MASTER or SLAVE
 * @param namesrvAddr                nameserver addresses separated by ';' (none: the broker runs unregistered)
 * @param listenPort                 port of the remoting server (10911)
 * @param brokerIP1                  IPv4 address clients reach the broker at ("127.0.0.1")
 * @param brokerPermission           PermName bits of the whole broker (6: read and write)
 * @param autoCreateTopicEnable      create TBW102 so producers may auto-create topics (true)
 * @param autoCreateSubscriptionGroup create unknown consumer groups on first use (true)
 * @param defaultTopicQueueNums      queues of TBW102 and the cap on auto-created topics (8)
 * @param maxMessageSize             largest message body accepted, bytes (4 MiB)
 * @param registerBrokerTimeoutMills timeout of one REGISTER_BROKER call (6000)
 * @param registerNameServerPeriod   ms between registrations, clamped to [10 s, 60 s] as RocketMQ does (30000)
 * @param longPollingEnable          hold caught-up pulls until a message arrives (true)
 * @param shortPollingTimeMills      hold time when long polling is off (1000)
 * @param channelExpiredTimeoutMs    a client silent this long is dropped (120000)
 * @param flushConsumerOffsetInterval ms between saves of consumer offsets (5000)
 * @param queueLockMaxLiveTimeMs     an orderly-consumption queue lock expires after this (60000)
 * @param transactionCheckInterval   ms between checks of undecided half messages (60000)
 * @param transactionTimeOut         a half message younger than this, in ms, is not checked yet (6000)
 * @param transactionCheckMax        checks of one half message before it is given up (15)
 * @param haListenPort               port of the HA listener; -1 (default) means listenPort + 1 (0 if listenPort is 0)
 * @param haMasterAddress            {@code host:port} of the master's HA listener for a slave; empty (default) means
 *                                   learn it from the nameservers' REGISTER_BROKER answer
 * @param haSendHeartbeatInterval    ms between a slave's offset reports when nothing else is sent (5000)
 * @param haHousekeepingInterval     an HA connection silent this long, in ms, is closed (20000)
 * @param haMaxGapNotInSync          bytes a slave may lag before SYNC_MASTER answers SLAVE_NOT_AVAILABLE (256 MiB)
 * @param slaveReadEnable            pulls may be served by, and redirected to, the slave (false)
 * @param accessMessageInMemoryMaxRatio percent of {@code totalPhysicalMemoryBytes} a read may lag behind the log's
 *                                   end before the master suggests the slave (40)
 * @param totalPhysicalMemoryBytes   memory the cold-read rule assumes (8 GiB; set it to the machine's memory)
 * @param messageDelayLevel          the delay levels, "1s 5s 10s 30s 1m 2m ... 1h 2h" (units s, m, h, d);
 *                                   a store key in RocketMQ, held here because only the broker uses it
 */
public record BrokerConfig(
        String brokerClusterName,
        String brokerName,
        long brokerId,
        BrokerRole brokerRole,
        String namesrvAddr,
        int listenPort,
        String brokerIP1,
        int brokerPermission,
        boolean autoCreateTopicEnable,
        boolean autoCreateSubscriptionGroup,
        int defaultTopicQueueNums,
        int maxMessageSize,
        long registerBrokerTimeoutMills,
        long registerNameServerPeriod,
        boolean longPollingEnable,
        long shortPollingTimeMills,
        long channelExpiredTimeoutMs,
        long flushConsumerOffsetInterval,
        long queueLockMaxLiveTimeMs,
        long transactionCheckInterval,
        long transactionTimeOut,
        int transactionCheckMax,
        int haListenPort,
        String haMasterAddress,
        long haSendHeartbeatInterval,
        long haHousekeepingInterval,
        long haMaxGapNotInSync,
        boolean slaveReadEnable,
        int accessMessageInMemoryMaxRatio,
        long totalPhysicalMemoryBytes,
        String messageDelayLevel) {

    private static final Pattern NAME = Pattern.compile("[%|a-zA-Z0-9_-]{1,127}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** Upper bound on queues a topic may have on this broker. */
    public static final int MAX_QUEUE_NUMS = 1024;

    public BrokerConfig {
        name("brokerClusterName", brokerClusterName);
        name("brokerName", brokerName);
        range("brokerId", brokerId, 0, 1024);
        if (brokerRole == null) {
            throw bad("brokerRole", null, "must be ASYNC_MASTER, SYNC_MASTER or SLAVE");
        }
        if ((brokerRole == BrokerRole.SLAVE) != (brokerId != 0)) {
            throw bad("brokerId", brokerId, "a master has brokerId 0 and a slave a brokerId of 1 or more");
        }
        namesrvAddr = namesrvAddr == null ? "" : namesrvAddr.trim();
        for (String address : nameServers(namesrvAddr)) {
            int colon = address.lastIndexOf(':');
            if (colon <= 0) {
                throw bad("namesrvAddr", namesrvAddr, "each address must be host:port");
            }
            try {
                int port = Integer.parseInt(address.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw bad("namesrvAddr", namesrvAddr, "port out of [1, 65535]");
                }
            } catch (NumberFormatException e) {
                throw bad("namesrvAddr", namesrvAddr, "each address must be host:port");
            }
        }
        range("listenPort", listenPort, 0, 65535);
        if (brokerIP1 == null || !IPV4.matcher(brokerIP1).matches()) {
            throw bad("brokerIP1", brokerIP1, "must be an IPv4 literal");
        }
        for (String octet : brokerIP1.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                throw bad("brokerIP1", brokerIP1, "octet over 255");
            }
        }
        range("brokerPermission", brokerPermission, 0, 7);
        range("defaultTopicQueueNums", defaultTopicQueueNums, 1, MAX_QUEUE_NUMS);
        range("maxMessageSize", maxMessageSize, 1, 1024 * 1024 * 1024);
        range("registerBrokerTimeoutMills", registerBrokerTimeoutMills, 1, 600_000);
        range("registerNameServerPeriod", registerNameServerPeriod, 1, 3_600_000);
        range("shortPollingTimeMills", shortPollingTimeMills, 1, 600_000);
        range("channelExpiredTimeoutMs", channelExpiredTimeoutMs, 1_000, 86_400_000);
        range("flushConsumerOffsetInterval", flushConsumerOffsetInterval, 10, 3_600_000);
        range("queueLockMaxLiveTimeMs", queueLockMaxLiveTimeMs, 1_000, 86_400_000);
        range("transactionCheckInterval", transactionCheckInterval, 100, 86_400_000);
        range("transactionTimeOut", transactionTimeOut, 0, 86_400_000);
        range("transactionCheckMax", transactionCheckMax, 1, 10_000);
        // Throws naming messageDelayLevel.
        io.gantry.broker.schedule.DelayLevels.parse(messageDelayLevel == null ? "" : messageDelayLevel);
        range("haListenPort", haListenPort, -1, 65535);
        haMasterAddress = haMasterAddress == null ? "" : haMasterAddress.trim();
        if (!haMasterAddress.isEmpty() && haMasterAddress.lastIndexOf(':') <= 0) {
            throw bad("haMasterAddress", haMasterAddress, "must be host:port");
        }
        range("haSendHeartbeatInterval", haSendHeartbeatInterval, 10, 600_000);
        range("haHousekeepingInterval", haHousekeepingInterval, 100, 3_600_000);
        range("haMaxGapNotInSync", haMaxGapNotInSync, 0, Long.MAX_VALUE / 2);
        range("accessMessageInMemoryMaxRatio", accessMessageInMemoryMaxRatio, 0, 100);
        range("totalPhysicalMemoryBytes", totalPhysicalMemoryBytes, 1, Long.MAX_VALUE / 200);
    }

    /** The HA listener's port to bind, given the port the main server actually bound. */
    public int haPortFor(int boundListenPort) {
        if (haListenPort >= 0) {
            return haListenPort;
        }
        return listenPort == 0 ? 0 : boundListenPort + 1;
    }

    /** The nameserver addresses of {@code namesrvAddr}, in order. */
    public List<String> nameServerAddresses() {
        return nameServers(namesrvAddr);
    }

    /** The registration period actually used: clamped to [10 s, 60 s] as RocketMQ does. */
    public long effectiveRegisterPeriodMs() {
        return Math.max(10_000, Math.min(60_000, registerNameServerPeriod));
    }

    /** The address the server binds: {@code brokerIP1:listenPort}. */
    public String listenAddress() {
        return brokerIP1 + ":" + listenPort;
    }

    private static List<String> nameServers(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The settings as {@code key -> value} text, for GET_BROKER_CONFIG and logs. */
    public Map<String, String> asProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("brokerClusterName", brokerClusterName);
        p.put("brokerName", brokerName);
        p.put("brokerId", Long.toString(brokerId));
        p.put("brokerRole", brokerRole.name());
        p.put("namesrvAddr", namesrvAddr);
        p.put("listenPort", Integer.toString(listenPort));
        p.put("brokerIP1", brokerIP1);
        p.put("brokerPermission", Integer.toString(brokerPermission));
        p.put("autoCreateTopicEnable", Boolean.toString(autoCreateTopicEnable));
        p.put("autoCreateSubscriptionGroup", Boolean.toString(autoCreateSubscriptionGroup));
        p.put("defaultTopicQueueNums", Integer.toString(defaultTopicQueueNums));
        p.put("maxMessageSize", Integer.toString(maxMessageSize));
        p.put("registerBrokerTimeoutMills", Long.toString(registerBrokerTimeoutMills));
        p.put("registerNameServerPeriod", Long.toString(registerNameServerPeriod));
        p.put("longPollingEnable", Boolean.toString(longPollingEnable));
        p.put("shortPollingTimeMills", Long.toString(shortPollingTimeMills));
        p.put("channelExpiredTimeoutMs", Long.toString(channelExpiredTimeoutMs));
        p.put("flushConsumerOffsetInterval", Long.toString(flushConsumerOffsetInterval));
        p.put("queueLockMaxLiveTimeMs", Long.toString(queueLockMaxLiveTimeMs));
        p.put("transactionCheckInterval", Long.toString(transactionCheckInterval));
        p.put("transactionTimeOut", Long.toString(transactionTimeOut));
        p.put("transactionCheckMax", Integer.toString(transactionCheckMax));
        p.put("haListenPort", Integer.toString(haListenPort));
        p.put("haMasterAddress", haMasterAddress);
        p.put("haSendHeartbeatInterval", Long.toString(haSendHeartbeatInterval));
        p.put("haHousekeepingInterval", Long.toString(haHousekeepingInterval));
        p.put("haMaxGapNotInSync", Long.toString(haMaxGapNotInSync));
        p.put("slaveReadEnable", Boolean.toString(slaveReadEnable));
        p.put("accessMessageInMemoryMaxRatio", Integer.toString(accessMessageInMemoryMaxRatio));
        p.put("totalPhysicalMemoryBytes", Long.toString(totalPhysicalMemoryBytes));
        p.put("messageDelayLevel", messageDelayLevel);
        return p;
    }

    private static void name(String key, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw bad(key, value, "must be 1-127 characters of letters, digits, '_', '-', '%' or '|'");
        }
    }

    private static void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw bad(key, value, "must be in [" + min + ", " + max + "]");
        }
    }

    static IllegalArgumentException bad(String key, Object value, String rule) {
        return new IllegalArgumentException("invalid " + key + "=" + value + ": " + rule);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().brokerClusterName(brokerClusterName).brokerName(brokerName).brokerId(brokerId)
                .brokerRole(brokerRole).namesrvAddr(namesrvAddr).listenPort(listenPort).brokerIP1(brokerIP1)
                .brokerPermission(brokerPermission).autoCreateTopicEnable(autoCreateTopicEnable)
                .autoCreateSubscriptionGroup(autoCreateSubscriptionGroup).defaultTopicQueueNums(defaultTopicQueueNums)
                .maxMessageSize(maxMessageSize).registerBrokerTimeoutMills(registerBrokerTimeoutMills)
                .registerNameServerPeriod(registerNameServerPeriod).longPollingEnable(longPollingEnable)
                .shortPollingTimeMills(shortPollingTimeMills).channelExpiredTimeoutMs(channelExpiredTimeoutMs)
                .flushConsumerOffsetInterval(flushConsumerOffsetInterval).queueLockMaxLiveTimeMs(queueLockMaxLiveTimeMs)
                .transactionCheckInterval(transactionCheckInterval).transactionTimeOut(transactionTimeOut)
                .transactionCheckMax(transactionCheckMax).haListenPort(haListenPort).haMasterAddress(haMasterAddress)
                .haSendHeartbeatInterval(haSendHeartbeatInterval).haHousekeepingInterval(haHousekeepingInterval)
                .haMaxGapNotInSync(haMaxGapNotInSync).slaveReadEnable(slaveReadEnable)
                .accessMessageInMemoryMaxRatio(accessMessageInMemoryMaxRatio)
                .totalPhysicalMemoryBytes(totalPhysicalMemoryBytes)
                .messageDelayLevel(messageDelayLevel);
    }

    /** Starts from RocketMQ's defaults. */
    public static final class Builder {
        private String brokerClusterName = "DefaultCluster";
        private String brokerName = "broker-a";
        private long brokerId = 0;
        private BrokerRole brokerRole = BrokerRole.ASYNC_MASTER;
        private String namesrvAddr = "";
        private int listenPort = 10911;
        private String brokerIP1 = "127.0.0.1";
        private int brokerPermission = 6;
        private boolean autoCreateTopicEnable = true;
        private boolean autoCreateSubscriptionGroup = true;
        private int defaultTopicQueueNums = 8;
        private int maxMessageSize = 4 * 1024 * 1024;
        private long registerBrokerTimeoutMills = 6_000;
        private long registerNameServerPeriod = 30_000;
        private boolean longPollingEnable = true;
        private long shortPollingTimeMills = 1_000;
        private long channelExpiredTimeoutMs = 120_000;
        private long flushConsumerOffsetInterval = 5_000;
        private long queueLockMaxLiveTimeMs = 60_000;
        private long transactionCheckInterval = 60_000;
        private long transactionTimeOut = 6_000;
        private int transactionCheckMax = 15;
        private int haListenPort = -1;
        private String haMasterAddress = "";
        private long haSendHeartbeatInterval = 5_000;
        private long haHousekeepingInterval = 20_000;
        private long haMaxGapNotInSync = 256L * 1024 * 1024;
        private boolean slaveReadEnable = false;
        private int accessMessageInMemoryMaxRatio = 40;
        private long totalPhysicalMemoryBytes = 8L * 1024 * 1024 * 1024;
        private String messageDelayLevel = io.gantry.broker.schedule.DelayLevels.DEFAULT;

        private Builder() {
        }

        public Builder brokerClusterName(String v) { brokerClusterName = v; return this; }
        public Builder brokerName(String v) { brokerName = v; return this; }
        public Builder brokerId(long v) { brokerId = v; return this; }
        public Builder brokerRole(BrokerRole v) { brokerRole = v; return this; }
        public Builder namesrvAddr(String v) { namesrvAddr = v; return this; }
        public Builder listenPort(int v) { listenPort = v; return this; }
        public Builder brokerIP1(String v) { brokerIP1 = v; return this; }
        public Builder brokerPermission(int v) { brokerPermission = v; return this; }
        public Builder autoCreateTopicEnable(boolean v) { autoCreateTopicEnable = v; return this; }
        public Builder autoCreateSubscriptionGroup(boolean v) { autoCreateSubscriptionGroup = v; return this; }
        public Builder defaultTopicQueueNums(int v) { defaultTopicQueueNums = v; return this; }
        public Builder maxMessageSize(int v) { maxMessageSize = v; return this; }
        public Builder registerBrokerTimeoutMills(long v) { registerBrokerTimeoutMills = v; return this; }
        public Builder registerNameServerPeriod(long v) { registerNameServerPeriod = v; return this; }
        public Builder longPollingEnable(boolean v) { longPollingEnable = v; return this; }
        public Builder shortPollingTimeMills(long v) { shortPollingTimeMills = v; return this; }
        public Builder channelExpiredTimeoutMs(long v) { channelExpiredTimeoutMs = v; return this; }
        public Builder flushConsumerOffsetInterval(long v) { flushConsumerOffsetInterval = v; return this; }
        public Builder queueLockMaxLiveTimeMs(long v) { queueLockMaxLiveTimeMs = v; return this; }
        public Builder transactionCheckInterval(long v) { transactionCheckInterval = v; return this; }
        public Builder transactionTimeOut(long v) { transactionTimeOut = v; return this; }
        public Builder transactionCheckMax(int v) { transactionCheckMax = v; return this; }
        public Builder haListenPort(int v) { haListenPort = v; return this; }
        public Builder haMasterAddress(String v) { haMasterAddress = v; return this; }
        public Builder haSendHeartbeatInterval(long v) { haSendHeartbeatInterval = v; return this; }
        public Builder haHousekeepingInterval(long v) { haHousekeepingInterval = v; return this; }
        public Builder haMaxGapNotInSync(long v) { haMaxGapNotInSync = v; return this; }
        public Builder slaveReadEnable(boolean v) { slaveReadEnable = v; return this; }
        public Builder accessMessageInMemoryMaxRatio(int v) { accessMessageInMemoryMaxRatio = v; return this; }
        public Builder totalPhysicalMemoryBytes(long v) { totalPhysicalMemoryBytes = v; return this; }
        public Builder messageDelayLevel(String v) { messageDelayLevel = v; return this; }

        /** @throws IllegalArgumentException naming the key of the first invalid value */
        public BrokerConfig build() {
            return new BrokerConfig(brokerClusterName, brokerName, brokerId, brokerRole, namesrvAddr, listenPort,
                    brokerIP1, brokerPermission, autoCreateTopicEnable, autoCreateSubscriptionGroup,
                    defaultTopicQueueNums, maxMessageSize, registerBrokerTimeoutMills, registerNameServerPeriod,
                    longPollingEnable, shortPollingTimeMills, channelExpiredTimeoutMs, flushConsumerOffsetInterval,
                    queueLockMaxLiveTimeMs, transactionCheckInterval, transactionTimeOut, transactionCheckMax,
                    haListenPort, haMasterAddress, haSendHeartbeatInterval, haHousekeepingInterval, haMaxGapNotInSync,
                    slaveReadEnable, accessMessageInMemoryMaxRatio, totalPhysicalMemoryBytes,
                    messageDelayLevel);
        }
    }
}
