package io.gantry.protocol.body;

import java.util.Set;

/** LOCK_BATCH_MQ response body: the queues now locked by the caller, including ones it already held. */
public record LockBatchResponseBody(Set<MessageQueue> lockOKMQSet) {

    public LockBatchResponseBody {
        lockOKMQSet = Copies.set(lockOKMQSet);
    }
}
