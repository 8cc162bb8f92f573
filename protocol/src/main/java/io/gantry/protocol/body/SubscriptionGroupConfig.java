package io.gantry.protocol.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A consumer group's configuration on a broker (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP body,
 * subscriptionGroup.json). Fields missing from JSON take the official 4.9 defaults, see {@link #defaults}.
 */
public record SubscriptionGroupConfig(String groupName, boolean consumeEnable, boolean consumeFromMinEnable,
                                      boolean consumeBroadcastEnable, int retryQueueNums, int retryMaxTimes,
                                      long brokerId, long whichBrokerWhenConsumeSlowly,
                                      boolean notifyConsumerIdsChangedEnable) {

    /** The configuration an auto-created group gets. */
    public static SubscriptionGroupConfig defaults(String groupName) {
        return new SubscriptionGroupConfig(groupName, true, true, true, 1, 16, 0, 1, true);
    }

    @JsonCreator
    static SubscriptionGroupConfig fromJson(@JsonProperty("groupName") String groupName,
                                            @JsonProperty("consumeEnable") Boolean consumeEnable,
                                            @JsonProperty("consumeFromMinEnable") Boolean consumeFromMinEnable,
                                            @JsonProperty("consumeBroadcastEnable") Boolean consumeBroadcastEnable,
                                            @JsonProperty("retryQueueNums") Integer retryQueueNums,
                                            @JsonProperty("retryMaxTimes") Integer retryMaxTimes,
                                            @JsonProperty("brokerId") Long brokerId,
                                            @JsonProperty("whichBrokerWhenConsumeSlowly") Long whichBrokerWhenConsumeSlowly,
                                            @JsonProperty("notifyConsumerIdsChangedEnable") Boolean notifyConsumerIdsChangedEnable) {
        SubscriptionGroupConfig d = defaults(groupName);
        return new SubscriptionGroupConfig(groupName,
                consumeEnable == null ? d.consumeEnable : consumeEnable,
                consumeFromMinEnable == null ? d.consumeFromMinEnable : consumeFromMinEnable,
                consumeBroadcastEnable == null ? d.consumeBroadcastEnable : consumeBroadcastEnable,
                retryQueueNums == null ? d.retryQueueNums : retryQueueNums,
                retryMaxTimes == null ? d.retryMaxTimes : retryMaxTimes,
                brokerId == null ? d.brokerId : brokerId,
                whichBrokerWhenConsumeSlowly == null ? d.whichBrokerWhenConsumeSlowly : whichBrokerWhenConsumeSlowly,
                notifyConsumerIdsChangedEnable == null ? d.notifyConsumerIdsChangedEnable : notifyConsumerIdsChangedEnable);
    }
}
