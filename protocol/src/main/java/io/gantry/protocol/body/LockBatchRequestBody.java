package io.gantry.protocol.body;

import java.util.Set;

/** LOCK_BATCH_MQ request body. {@code onlyThisBroker} is a 5.x extra, null when absent. */
public record LockBatchRequestBody(String consumerGroup, String clientId, Boolean onlyThisBroker, Set<MessageQueue> mqSet) {

    public LockBatchRequestBody {
        mqSet = Copies.set(mqSet);
    }
}
