package io.gantry.broker.topic;

import io.gantry.broker.config.BrokerConfig;
import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.PermName;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.body.TopicFilterType;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The broker's topics: the built-in ones, those loaded from {@code topics.json}, and those created
 * by producers (auto-create from TBW102), consumers (retry topics) and admins. Every change bumps
 * the {@link DataVersion} and calls the change listener (which saves the file and re-registers with
 * the nameservers). Lives on the broker's loop; not thread-safe.
 */
public final class TopicConfigTable {

    /** Largest number of topics one broker holds. */
    public static final int MAX_TOPICS = 100_000;

    private final BrokerConfig config;
    private final Map<String, TopicConfig> topics = new TreeMap<>();
    private DataVersion dataVersion = new DataVersion(0, 0);
    private Runnable changeListener = () -> { };

    public TopicConfigTable(BrokerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        addBuiltIn(TopicConfig.of(TopicNames.SELF_TEST_TOPIC, 1));
        if (config.autoCreateTopicEnable()) {
            addBuiltIn(new TopicConfig(TopicNames.AUTO_CREATE_TOPIC_KEY, config.defaultTopicQueueNums(),
                    config.defaultTopicQueueNums(), PermName.READ | PermName.WRITE | PermName.INHERIT,
                    TopicFilterType.SINGLE_TAG, 0, false, null));
        }
        addBuiltIn(TopicConfig.of(TopicNames.BENCHMARK_TOPIC, 8));
        addBuiltIn(new TopicConfig(config.brokerClusterName(), 16, 16, PermName.WRITE, TopicFilterType.SINGLE_TAG, 0,
                false, null));
        addBuiltIn(new TopicConfig(config.brokerName(), 1, 1, PermName.READ | PermName.WRITE | PermName.INHERIT,
                TopicFilterType.SINGLE_TAG, 0, false, null));
        addBuiltIn(TopicConfig.of(TopicNames.OFFSET_MOVED_EVENT, 1));
        // One queue per delay level.
        addBuiltIn(TopicConfig.of(TopicNames.SCHEDULE_TOPIC,
                io.gantry.broker.schedule.DelayLevels.parse(config.messageDelayLevel()).maxLevel()));
    }

    private void addBuiltIn(TopicConfig topic) {
        topics.put(topic.topicName(), topic);
    }

    /** Called after every change, on the loop. */
    public void setChangeListener(Runnable listener) {
        this.changeListener = Objects.requireNonNull(listener, "listener");
    }

    /** Replaces the table's content with what was saved (built-ins stay unless the file overrides them). */
    public void load(TopicConfigSerializeWrapper saved) {
        saved.topicConfigTable().forEach((name, topic) -> {
            if (TopicNames.whyIllegal(name) == null && topics.size() < MAX_TOPICS) {
                topics.put(name, topic);
            }
        });
        dataVersion = saved.dataVersion();
    }

    /**
     * A slave copies its master's table: replaced wholesale when the master's version differs from
     * this one's (built-ins the master lacks stay). Returns true if anything was replaced.
     */
    public boolean replaceFromMaster(TopicConfigSerializeWrapper master) {
        if (master == null || master.dataVersion() == null || master.dataVersion().equals(dataVersion)) {
            return false;
        }
        topics.keySet().removeIf(name -> !master.topicConfigTable().containsKey(name) && !isBuiltIn(name));
        load(master);
        changeListener.run();
        return true;
    }

    private boolean isBuiltIn(String name) {
        return name.equals(TopicNames.SELF_TEST_TOPIC) || name.equals(TopicNames.AUTO_CREATE_TOPIC_KEY)
                || name.equals(TopicNames.BENCHMARK_TOPIC) || name.equals(config.brokerClusterName())
                || name.equals(config.brokerName()) || name.equals(TopicNames.OFFSET_MOVED_EVENT)
                || name.equals(TopicNames.SCHEDULE_TOPIC);
    }

    public TopicConfig get(String topic) {
        return topics.get(topic);
    }

    public int size() {
        return topics.size();
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** A copy of the table with its version, for topics.json and REGISTER_BROKER. */
    public TopicConfigSerializeWrapper snapshot() {
        return new TopicConfigSerializeWrapper(new TreeMap<>(topics), dataVersion);
    }

    public Map<String, TopicConfig> topics() {
        return Collections.unmodifiableMap(topics);
    }

    /** Creates or replaces {@code topic} (admin UPDATE_AND_CREATE_TOPIC). */
    public void put(TopicConfig topic, long nowMs) {
        checkRoom(topic.topicName());
        topics.put(topic.topicName(), topic);
        changed(nowMs);
    }

    /** Removes {@code topic}; true if it existed. */
    public boolean remove(String topic, long nowMs) {
        if (topics.remove(topic) == null) {
            return false;
        }
        changed(nowMs);
        return true;
    }

    /**
     * The topic a producer sends to, creating it from {@code defaultTopic} when it is missing and the
     * default topic exists with INHERIT permission: {@code min(requestedQueues, default's write queues)}
     * queues, the default's permission without INHERIT. Null if it neither exists nor may be created.
     */
    public TopicConfig getOrCreateForSend(String topic, String defaultTopic, int requestedQueues, long nowMs) {
        TopicConfig existing = topics.get(topic);
        if (existing != null) {
            return existing;
        }
        if (TopicNames.isRetry(topic)) {
            return createSystemTopic(topic, 1, nowMs);
        }
        TopicConfig template = defaultTopic == null ? null : topics.get(defaultTopic);
        if (template == null || !PermName.isInherited(template.perm())) {
            return null;
        }
        int queues = Math.max(1, Math.min(requestedQueues, template.writeQueueNums()));
        TopicConfig created = new TopicConfig(topic, queues, queues, template.perm() & ~PermName.INHERIT,
                TopicFilterType.SINGLE_TAG, 0, false, null);
        put(created, nowMs);
        return created;
    }

    /** The topic, created with {@code queues} read-write queues if missing (retry and DLQ topics). */
    public TopicConfig createSystemTopic(String topic, int queues, long nowMs) {
        TopicConfig existing = topics.get(topic);
        if (existing != null) {
            return existing;
        }
        TopicConfig created = TopicConfig.of(topic, queues);
        put(created, nowMs);
        return created;
    }

    private void checkRoom(String topic) {
        if (!topics.containsKey(topic) && topics.size() >= MAX_TOPICS) {
            throw new IllegalStateException("the broker holds " + MAX_TOPICS + " topics, no room for " + topic);
        }
    }

    private void changed(long nowMs) {
        dataVersion = dataVersion.next(nowMs);
        changeListener.run();
    }
}
