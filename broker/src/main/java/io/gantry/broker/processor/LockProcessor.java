package io.gantry.broker.processor;

import io.gantry.broker.client.QueueLockTable;
import io.gantry.protocol.body.LockBatchRequestBody;
import io.gantry.protocol.body.LockBatchResponseBody;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.UnlockBatchRequestBody;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.runtime.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42) over the {@link QueueLockTable}. */
public final class LockProcessor {

    private final QueueLockTable locks;
    private final Clock clock;

    public LockProcessor(QueueLockTable locks, Clock clock) {
        this.locks = Objects.requireNonNull(locks, "locks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CompletableFuture<RemotingCommand> lock(RemotingChannel channel, RemotingCommand request) {
        LockBatchRequestBody body = RemotingJson.decode(request.body(), LockBatchRequestBody.class);
        if (body.consumerGroup() == null || body.clientId() == null) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "lock request without consumerGroup or clientId");
        }
        Set<MessageQueue> granted = locks.lock(body.consumerGroup(), body.clientId(), body.mqSet(), clock.monotonicMs());
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .body(RemotingJson.encode(new LockBatchResponseBody(granted))).build());
    }

    public CompletableFuture<RemotingCommand> unlock(RemotingChannel channel, RemotingCommand request) {
        UnlockBatchRequestBody body = RemotingJson.decode(request.body(), UnlockBatchRequestBody.class);
        if (body.consumerGroup() != null && body.clientId() != null) {
            locks.unlock(body.consumerGroup(), body.clientId(), body.mqSet());
        }
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }
}
