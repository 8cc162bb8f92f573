package io.gantry.protocol.body;

import java.util.Map;

/** A broker's whole group table with its version: GET_ALL_SUBSCRIPTIONGROUP_CONFIG body, subscriptionGroup.json. */
public record SubscriptionGroupWrapper(Map<String, SubscriptionGroupConfig> subscriptionGroupTable, DataVersion dataVersion) {

    public SubscriptionGroupWrapper {
        subscriptionGroupTable = Copies.map(subscriptionGroupTable);
        dataVersion = dataVersion == null ? new DataVersion(0, 0) : dataVersion;
    }
}
