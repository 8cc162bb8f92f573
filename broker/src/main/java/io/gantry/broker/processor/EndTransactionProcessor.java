package io.gantry.broker.processor;

import io.gantry.broker.topic.TopicConfigTable;
import io.gantry.broker.topic.TopicNames;
import io.gantry.protocol.header.EndTransactionRequestHeader;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageSysFlag;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.protocol.rpc.RequestProcessor;
import io.gantry.runtime.Clock;
import io.gantry.store.MessageStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * END_TRANSACTION (37): ends a transactional half message. The half message is looked up by its
 * commit-log offset and must match the request's producer group and half-queue offset. COMMIT (8)
 * writes it to its real topic and queue with the COMMIT transaction type; both COMMIT and ROLLBACK
 * (12) then write an op record (tag {@code d}, body the half-queue offset) to
 * RMQ_SYS_TRANS_OP_HALF_TOPIC. UNKNOWN (0) is ignored; undecided half messages are asked about by the
 * {@link io.gantry.broker.transaction.TransactionCheckService}.
 */
public final class EndTransactionProcessor implements RequestProcessor {

    static final int COMMIT = MessageSysFlag.TRANSACTION_COMMIT_TYPE;
    static final int ROLLBACK = MessageSysFlag.TRANSACTION_ROLLBACK_TYPE;

    private final MessageStore store;
    private final StoreWriter writer;
    private final TopicConfigTable topics;
    private final Clock clock;
    private final LongConsumer onResolved;

    /** @param onResolved told the half-queue offset of each half message an op record was written for */
    public EndTransactionProcessor(MessageStore store, StoreWriter writer, TopicConfigTable topics, Clock clock,
                                   LongConsumer onResolved) {
        this.store = Objects.requireNonNull(store, "store");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onResolved = Objects.requireNonNull(onResolved, "onResolved");
    }

    /** Gives a half message up: an op record without a commit (the check-back ran out of attempts). */
    public void giveUp(MessageRecord half) {
        writeOp(half);
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RemotingChannel channel, RemotingCommand request) {
        if (writer.isSlave()) {
            // A slave holds the half message but never decides it: RocketMQ answers SLAVE_NOT_AVAILABLE (11).
            return Responses.error(io.gantry.protocol.remoting.ResponseCode.SLAVE_NOT_AVAILABLE,
                    "this broker is a slave; end transactions at the master");
        }
        EndTransactionRequestHeader header = request.decodeHeader(EndTransactionRequestHeader.class);
        int decision = header.commitOrRollback();
        if (decision != COMMIT && decision != ROLLBACK) {
            return CompletableFuture.completedFuture(null);
        }
        MessageRecord half = store.getMessageByOffset(header.commitLogOffset());
        if (half == null || !TopicNames.TRANS_HALF_TOPIC.equals(half.topic())) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "find prepared transaction message failed");
        }
        if (!header.producerGroup().equals(half.property(MessageConst.PROPERTY_PRODUCER_GROUP))
                || half.queueOffset() != header.tranStateTableOffset()) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "the half message does not match the request");
        }
        if (decision == ROLLBACK) {
            return writeOp(half);
        }
        String topic = half.property(MessageConst.PROPERTY_REAL_TOPIC);
        int queueId;
        try {
            queueId = Integer.parseInt(half.property(MessageConst.PROPERTY_REAL_QUEUE_ID));
        } catch (NumberFormatException e) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "the half message has no REAL_QID");
        }
        if (topic == null || topics.get(topic) == null) {
            return Responses.error(ResponseCode.TOPIC_NOT_EXIST, "topic[" + topic + "] not exist");
        }
        MessageRecord committed = MessageRecord.builder().topic(topic).queueId(queueId)
                .sysFlag(MessageSysFlag.withTransactionType(half.sysFlag(), COMMIT))
                .bornTimestamp(half.bornTimestamp()).bornHost(half.bornHost()).storeHost(half.storeHost())
                .reconsumeTimes(half.reconsumeTimes()).preparedTransactionOffset(half.commitLogOffset())
                .flag(half.flag()).body(half.body()).propertiesString(half.propertiesString()).build();
        return writer.put(List.of(committed), false, queueId).thenCompose(response ->
                response.code() == ResponseCode.SUCCESS ? writeOp(half) : CompletableFuture.completedFuture(response));
    }

    private CompletableFuture<RemotingCommand> writeOp(MessageRecord half) {
        topics.createSystemTopic(TopicNames.TRANS_OP_HALF_TOPIC, 1, clock.wallClockMs());
        MessageRecord op = MessageRecord.builder().topic(TopicNames.TRANS_OP_HALF_TOPIC).queueId(0)
                .bornTimestamp(clock.wallClockMs()).bornHost(half.storeHost()).storeHost(half.storeHost())
                .body(Long.toString(half.queueOffset()).getBytes(StandardCharsets.UTF_8))
                .properties(Map.of(MessageConst.PROPERTY_TAGS, "d")).build();
        return writer.put(List.of(op), false, 0).thenApply(response -> {
            if (response.code() != ResponseCode.SUCCESS) {
                return response;
            }
            onResolved.accept(half.queueOffset());
            return RemotingCommand.response(ResponseCode.SUCCESS).build();
        });
    }
}
