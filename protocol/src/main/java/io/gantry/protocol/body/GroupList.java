package io.gantry.protocol.body;

import java.util.Set;

/** QUERY_TOPIC_CONSUME_BY_WHO response body: consumer group names. */
public record GroupList(Set<String> groupList) {

    public GroupList {
        groupList = Copies.set(groupList);
    }
}
