package io.gantry.broker.group;

import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.SubscriptionGroupConfig;
import io.gantry.protocol.body.SubscriptionGroupWrapper;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Consumer-group settings (retry queues, max retries, broadcast allowed...), created with defaults on
 * first use when {@code autoCreateSubscriptionGroup} is on. Lives on the broker's loop. Saved by the
 * broker to subscriptionGroup.json through the change listener.
 */
public final class SubscriptionGroupTable {

    /** Largest number of groups held. */
    public static final int MAX_GROUPS = 100_000;

    private boolean autoCreate;
    private final Map<String, SubscriptionGroupConfig> groups = new TreeMap<>();
    private DataVersion dataVersion = new DataVersion(0, 0);
    private Runnable changeListener = () -> { };

    public SubscriptionGroupTable(boolean autoCreate) {
        this.autoCreate = autoCreate;
        for (String builtIn : new String[] {"SELF_TEST_C_GROUP", "TOOLS_CONSUMER", "FILTERSRV_CONSUMER",
            "__MONITOR_CONSUMER", "CID_RMQ_SYS_TRANS"}) {
            groups.put(builtIn, SubscriptionGroupConfig.defaults(builtIn));
        }
    }

    /** Turns auto-creation on or off (autoCreateSubscriptionGroup changed at run time). */
    public void setAutoCreate(boolean autoCreate) {
        this.autoCreate = autoCreate;
    }

    public void setChangeListener(Runnable listener) {
        this.changeListener = Objects.requireNonNull(listener, "listener");
    }

    /** The group's settings, created with defaults if missing and auto-create is on; else null. */
    public SubscriptionGroupConfig findOrCreate(String group, long nowMs) {
        SubscriptionGroupConfig existing = groups.get(group);
        if (existing != null || !autoCreate || group == null || group.isEmpty() || groups.size() >= MAX_GROUPS) {
            return existing;
        }
        SubscriptionGroupConfig created = SubscriptionGroupConfig.defaults(group);
        groups.put(group, created);
        dataVersion = dataVersion.next(nowMs);
        changeListener.run();
        return created;
    }

    /** Creates or replaces a group's settings (admin UPDATE_AND_CREATE_SUBSCRIPTIONGROUP). */
    public void put(SubscriptionGroupConfig config, long nowMs) {
        if (!groups.containsKey(config.groupName()) && groups.size() >= MAX_GROUPS) {
            throw new IllegalStateException("the broker holds " + MAX_GROUPS + " groups");
        }
        groups.put(config.groupName(), config);
        dataVersion = dataVersion.next(nowMs);
        changeListener.run();
    }

    public SubscriptionGroupConfig get(String group) {
        return groups.get(group);
    }

    public SubscriptionGroupWrapper snapshot() {
        return new SubscriptionGroupWrapper(new TreeMap<>(groups), dataVersion);
    }

    /** A slave copies its master's groups: replaced wholesale when the versions differ. True if replaced. */
    public boolean replaceFromMaster(SubscriptionGroupWrapper master) {
        if (master == null || master.dataVersion() == null || master.dataVersion().equals(dataVersion)) {
            return false;
        }
        groups.clear();
        load(master);
        changeListener.run();
        return true;
    }

    public void load(SubscriptionGroupWrapper saved) {
        saved.subscriptionGroupTable().forEach((name, config) -> {
            if (config != null && groups.size() < MAX_GROUPS) {
                groups.put(name, config);
            }
        });
        dataVersion = saved.dataVersion();
    }
}
