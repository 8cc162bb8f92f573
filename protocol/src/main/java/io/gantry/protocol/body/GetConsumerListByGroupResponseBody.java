package io.gantry.protocol.body;

import java.util.List;

/** GET_CONSUMER_LIST_BY_GROUP response body: the client ids of a group's live consumers. */
public record GetConsumerListByGroupResponseBody(List<String> consumerIdList) {

    public GetConsumerListByGroupResponseBody {
        consumerIdList = Copies.list(consumerIdList);
    }
}
