package io.gantry.protocol.body;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;

/** RESET_CONSUMER_CLIENT_OFFSET request body: new offsets by queue (object keys on the wire). */
public record ResetOffsetBody(@JsonSerialize(using = ObjectKeyMapSerializer.class) Map<MessageQueue, Long> offsetTable) {

    public ResetOffsetBody {
        offsetTable = Copies.map(offsetTable);
    }
}
