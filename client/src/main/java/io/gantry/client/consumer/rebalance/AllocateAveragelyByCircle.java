package io.gantry.client.consumer.rebalance;

import io.gantry.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/** Sorted queue i goes to sorted member i mod n: dealt like cards. */
public final class AllocateAveragelyByCircle implements AllocateStrategy {

    @Override
    public List<MessageQueue> allocate(String clientId, List<MessageQueue> queues, List<String> clientIds) {
        List<String> members = Sorted.distinct(clientIds);
        List<MessageQueue> all = Sorted.distinct(queues);
        int index = members.indexOf(clientId);
        if (index < 0) {
            return List.of();
        }
        List<MessageQueue> mine = new ArrayList<>();
        for (int i = index; i < all.size(); i += members.size()) {
            mine.add(all.get(i));
        }
        return List.copyOf(mine);
    }
}
