package io.gantry.protocol.body;

import java.util.Set;

/** A set of topic names (GET_ALL_TOPIC_LIST_FROM_NAMESERVER, GET_TOPICS_BY_CLUSTER, ...); {@code brokerAddr} optional. */
public record TopicList(Set<String> topicList, String brokerAddr) {

    public TopicList {
        topicList = Copies.set(topicList);
    }

    public TopicList(Set<String> topicList) {
        this(topicList, null);
    }
}
