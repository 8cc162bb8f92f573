package io.gantry.protocol.body;

import java.util.Set;

/** UNLOCK_BATCH_MQ request body. {@code onlyThisBroker} is a 5.x extra, null when absent. */
public record UnlockBatchRequestBody(String consumerGroup, String clientId, Boolean onlyThisBroker, Set<MessageQueue> mqSet) {

    public UnlockBatchRequestBody {
        mqSet = Copies.set(mqSet);
    }
}
