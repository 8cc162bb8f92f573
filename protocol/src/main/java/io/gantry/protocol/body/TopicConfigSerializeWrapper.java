package io.gantry.protocol.body;

import java.util.Map;

/** A broker's whole topic table with its version: GET_ALL_TOPIC_CONFIG body, part of REGISTER_BROKER, topics.json. */
public record TopicConfigSerializeWrapper(Map<String, TopicConfig> topicConfigTable, DataVersion dataVersion) {

    public TopicConfigSerializeWrapper {
        topicConfigTable = Copies.map(topicConfigTable);
        dataVersion = dataVersion == null ? new DataVersion(0, 0) : dataVersion;
    }
}
