package io.gantry.broker.config;

import io.gantry.store.FlushDiskType;
import io.gantry.store.StoreConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Reads broker.conf text (java.util.Properties syntax, RocketMQ's key names) into a
 * {@link ParsedBrokerConfig}. Broker keys go to {@link BrokerConfig}, store keys (flushDiskType,
 * storePathRootDir, fileReservedTime, deleteWhen, mappedFileSizeCommitLog, ...) to {@link StoreConfig};
 * {@code maxMessageSize} goes to both. An unknown key is a warning; a value that does not parse, or
 * that the configs reject, is an {@link IllegalArgumentException} naming the key. Reading the file is
 * the caller's job (the CLI), so this class touches nothing outside.
 */
public final class BrokerConfigParser {

    /** Largest configuration text accepted, in characters. */
    public static final int MAX_TEXT_CHARS = 1024 * 1024;

    private static final Map<String, BiConsumer<BrokerConfig.Builder, String>> BROKER_KEYS = new TreeMap<>();
    private static final Map<String, BiConsumer<StoreConfig.Builder, String>> STORE_KEYS = new TreeMap<>();

    static {
        BROKER_KEYS.put("brokerClusterName", (b, v) -> b.brokerClusterName(v));
        BROKER_KEYS.put("brokerName", (b, v) -> b.brokerName(v));
        BROKER_KEYS.put("brokerId", (b, v) -> b.brokerId(parseLong("brokerId", v)));
        BROKER_KEYS.put("brokerRole", (b, v) -> b.brokerRole(parseEnum("brokerRole", v, BrokerRole.class)));
        BROKER_KEYS.put("namesrvAddr", (b, v) -> b.namesrvAddr(v));
        BROKER_KEYS.put("listenPort", (b, v) -> b.listenPort(parseInt("listenPort", v)));
        BROKER_KEYS.put("brokerIP1", (b, v) -> b.brokerIP1(v));
        BROKER_KEYS.put("brokerPermission", (b, v) -> b.brokerPermission(parseInt("brokerPermission", v)));
        BROKER_KEYS.put("autoCreateTopicEnable", (b, v) -> b.autoCreateTopicEnable(parseBoolean("autoCreateTopicEnable", v)));
        BROKER_KEYS.put("autoCreateSubscriptionGroup",
                (b, v) -> b.autoCreateSubscriptionGroup(parseBoolean("autoCreateSubscriptionGroup", v)));
        BROKER_KEYS.put("defaultTopicQueueNums", (b, v) -> b.defaultTopicQueueNums(parseInt("defaultTopicQueueNums", v)));
        BROKER_KEYS.put("maxMessageSize", (b, v) -> b.maxMessageSize(parseInt("maxMessageSize", v)));
        BROKER_KEYS.put("registerBrokerTimeoutMills",
                (b, v) -> b.registerBrokerTimeoutMills(parseLong("registerBrokerTimeoutMills", v)));
        BROKER_KEYS.put("registerNameServerPeriod",
                (b, v) -> b.registerNameServerPeriod(parseLong("registerNameServerPeriod", v)));
        BROKER_KEYS.put("longPollingEnable", (b, v) -> b.longPollingEnable(parseBoolean("longPollingEnable", v)));
        BROKER_KEYS.put("shortPollingTimeMills", (b, v) -> b.shortPollingTimeMills(parseLong("shortPollingTimeMills", v)));
        BROKER_KEYS.put("channelExpiredTimeoutMs", (b, v) -> b.channelExpiredTimeoutMs(parseLong("channelExpiredTimeoutMs", v)));
        BROKER_KEYS.put("flushConsumerOffsetInterval",
                (b, v) -> b.flushConsumerOffsetInterval(parseLong("flushConsumerOffsetInterval", v)));
        BROKER_KEYS.put("transactionCheckInterval",
                (b, v) -> b.transactionCheckInterval(parseLong("transactionCheckInterval", v)));
        BROKER_KEYS.put("transactionTimeOut", (b, v) -> b.transactionTimeOut(parseLong("transactionTimeOut", v)));
        BROKER_KEYS.put("transactionCheckMax", (b, v) -> b.transactionCheckMax(parseInt("transactionCheckMax", v)));
        BROKER_KEYS.put("haListenPort", (b, v) -> b.haListenPort(parseInt("haListenPort", v)));
        BROKER_KEYS.put("haMasterAddress", (b, v) -> b.haMasterAddress(v));
        BROKER_KEYS.put("haSendHeartbeatInterval",
                (b, v) -> b.haSendHeartbeatInterval(parseLong("haSendHeartbeatInterval", v)));
        BROKER_KEYS.put("haHousekeepingInterval", (b, v) -> b.haHousekeepingInterval(parseLong("haHousekeepingInterval", v)));
        BROKER_KEYS.put("haMaxGapNotInSync", (b, v) -> b.haMaxGapNotInSync(parseLong("haMaxGapNotInSync", v)));
        BROKER_KEYS.put("slaveReadEnable", (b, v) -> b.slaveReadEnable(parseBoolean("slaveReadEnable", v)));
        BROKER_KEYS.put("accessMessageInMemoryMaxRatio",
                (b, v) -> b.accessMessageInMemoryMaxRatio(parseInt("accessMessageInMemoryMaxRatio", v)));
        BROKER_KEYS.put("totalPhysicalMemoryBytes",
                (b, v) -> b.totalPhysicalMemoryBytes(parseLong("totalPhysicalMemoryBytes", v)));
        BROKER_KEYS.put("messageDelayLevel", (b, v) -> b.messageDelayLevel(v));

        STORE_KEYS.put("storePathRootDir", (s, v) -> s.storePathRootDir(v));
        STORE_KEYS.put("mappedFileSizeCommitLog", (s, v) -> s.mappedFileSizeCommitLog(parseInt("mappedFileSizeCommitLog", v)));
        STORE_KEYS.put("mappedFileSizeConsumeQueue",
                (s, v) -> s.mappedFileSizeConsumeQueue(parseInt("mappedFileSizeConsumeQueue", v)));
        STORE_KEYS.put("flushDiskType", (s, v) -> s.flushDiskType(parseEnum("flushDiskType", v, FlushDiskType.class)));
        STORE_KEYS.put("syncFlushTimeout", (s, v) -> s.syncFlushTimeout(parseLong("syncFlushTimeout", v)));
        STORE_KEYS.put("flushIntervalCommitLog", (s, v) -> s.flushIntervalCommitLog(parseLong("flushIntervalCommitLog", v)));
        STORE_KEYS.put("flushIntervalConsumeQueue",
                (s, v) -> s.flushIntervalConsumeQueue(parseLong("flushIntervalConsumeQueue", v)));
        STORE_KEYS.put("fileReservedTime", (s, v) -> s.fileReservedTime(parseInt("fileReservedTime", v)));
        STORE_KEYS.put("deleteWhen", (s, v) -> s.deleteWhen(v));
        STORE_KEYS.put("diskMaxUsedSpaceRatio", (s, v) -> s.diskMaxUsedSpaceRatio(parseInt("diskMaxUsedSpaceRatio", v)));
        STORE_KEYS.put("maxMessageSize", (s, v) -> s.maxMessageSize(parseInt("maxMessageSize", v)));
        STORE_KEYS.put("messageIndexEnable", (s, v) -> s.messageIndexEnable(parseBoolean("messageIndexEnable", v)));
        STORE_KEYS.put("checkCRCOnRecover", (s, v) -> s.checkCRCOnRecover(parseBoolean("checkCRCOnRecover", v)));
        STORE_KEYS.put("maxTransferBytesOnMessageInMemory",
                (s, v) -> s.maxTransferBytesOnMessageInMemory(parseInt("maxTransferBytesOnMessageInMemory", v)));
        STORE_KEYS.put("maxTransferCountOnMessageInMemory",
                (s, v) -> s.maxTransferCountOnMessageInMemory(parseInt("maxTransferCountOnMessageInMemory", v)));
        STORE_KEYS.put("defaultQueryMaxNum", (s, v) -> s.defaultQueryMaxNum(parseInt("defaultQueryMaxNum", v)));
        STORE_KEYS.put("serveOnlyDurable", (s, v) -> s.serveOnlyDurable(parseBoolean("serveOnlyDurable", v)));
    }

    private BrokerConfigParser() {
    }

    /** Parses {@code text}; see the class comment. */
    public static ParsedBrokerConfig parse(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("broker configuration of " + text.length() + " characters exceeds "
                    + MAX_TEXT_CHARS);
        }
        return parse(new StringReader(text));
    }

    /** Parses what {@code reader} holds; the caller closes it. */
    public static ParsedBrokerConfig parse(Reader reader) {
        Properties properties = new Properties();
        try {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("broker configuration does not parse: " + e.getMessage(), e);
        }
        BrokerConfig.Builder broker = BrokerConfig.builder();
        StoreConfig.Builder store = StoreConfig.builder();
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeMap<>(toMap(properties)).keySet()) {
            String value = properties.getProperty(key).trim();
            boolean known = false;
            BiConsumer<BrokerConfig.Builder, String> brokerSetter = BROKER_KEYS.get(key);
            if (brokerSetter != null) {
                brokerSetter.accept(broker, value);
                known = true;
            }
            BiConsumer<StoreConfig.Builder, String> storeSetter = STORE_KEYS.get(key);
            if (storeSetter != null) {
                storeSetter.accept(store, value);
                known = true;
            }
            if (!known) {
                warnings.add("unknown key " + key + " ignored");
            }
        }
        return new ParsedBrokerConfig(broker.build(), buildStore(store), warnings);
    }

    /** True for a key broker.conf may set on the broker or the store. */
    static boolean isKnownKey(String key) {
        return BROKER_KEYS.containsKey(key) || STORE_KEYS.containsKey(key);
    }

    /**
     * {@code base} with broker keys changed; every key must be a broker key.
     *
     * @throws IllegalArgumentException naming the key of a value that does not parse or is invalid
     */
    static BrokerConfig applyBrokerKeys(BrokerConfig base, Map<String, String> changes) {
        BrokerConfig.Builder builder = base.toBuilder();
        changes.forEach((key, value) -> {
            BiConsumer<BrokerConfig.Builder, String> setter = BROKER_KEYS.get(key);
            if (setter == null) {
                throw new IllegalArgumentException("unknown broker key " + key);
            }
            setter.accept(builder, value.trim());
        });
        return builder.build();
    }

    private static StoreConfig buildStore(StoreConfig.Builder store) {
        // StoreConfig names the key in its own messages.
        return store.build();
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }

    static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw BrokerConfig.bad(key, value, "must be an integer");
        }
    }

    static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw BrokerConfig.bad(key, value, "must be an integer");
        }
    }

    static boolean parseBoolean(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw BrokerConfig.bad(key, value, "must be true or false");
        };
    }

    static <E extends Enum<E>> E parseEnum(String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BrokerConfig.bad(key, value, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
