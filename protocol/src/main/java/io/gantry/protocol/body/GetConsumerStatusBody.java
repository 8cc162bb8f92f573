package io.gantry.protocol.body;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;

/**
 * GET_CONSUMER_STATUS_FROM_CLIENT response (one client's offsets by queue, in
 * {@code messageQueueTable}) and INVOKE_BROKER_TO_GET_CONSUMER_STATUS response (every asked client's
 * table by clientId, in {@code consumerTable}). Queues are object keys on the wire.
 */
public record GetConsumerStatusBody(
        @JsonSerialize(using = ObjectKeyMapSerializer.class) Map<MessageQueue, Long> messageQueueTable,
        @JsonSerialize(contentUsing = ObjectKeyMapSerializer.class) Map<String, Map<MessageQueue, Long>> consumerTable) {

    public GetConsumerStatusBody {
        messageQueueTable = Copies.map(messageQueueTable);
        consumerTable = Copies.map(consumerTable);
    }
}
