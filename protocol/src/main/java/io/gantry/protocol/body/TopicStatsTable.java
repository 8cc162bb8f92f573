package io.gantry.protocol.body;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;

/** GET_TOPIC_STATS_INFO response body; keyed by queue (object keys on the wire). */
public record TopicStatsTable(@JsonSerialize(using = ObjectKeyMapSerializer.class) Map<MessageQueue, TopicOffset> offsetTable) {

    public TopicStatsTable {
        offsetTable = Copies.map(offsetTable);
    }
}
