package io.gantry.protocol.body;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;

/** GET_CONSUME_STATS response body; the offset table is keyed by queue (object keys on the wire). */
public record ConsumeStats(@JsonSerialize(using = ObjectKeyMapSerializer.class) Map<MessageQueue, OffsetWrapper> offsetTable,
                           double consumeTps) {

    public ConsumeStats {
        offsetTable = Copies.map(offsetTable);
    }
}
