package io.gantry.protocol.body;

import java.util.List;

/** REGISTER_BROKER request body (uncompressed form): the topic table and the (obsolete) filter servers. */
public record RegisterBrokerBody(TopicConfigSerializeWrapper topicConfigSerializeWrapper, List<String> filterServerList) {

    public RegisterBrokerBody {
        topicConfigSerializeWrapper = topicConfigSerializeWrapper == null
                ? new TopicConfigSerializeWrapper(null, null) : topicConfigSerializeWrapper;
        filterServerList = Copies.list(filterServerList);
    }
}
