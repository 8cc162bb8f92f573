package io.gantry.client.consumer.rebalance;

import io.gantry.protocol.body.MessageQueue;
import java.util.List;

/**
 * Member i of n (sorted ids) takes a contiguous block of the sorted queues: q/n each, and the
 * first q mod n members one more.
 */
public final class AllocateAveragely implements AllocateStrategy {

    @Override
    public List<MessageQueue> allocate(String clientId, List<MessageQueue> queues, List<String> clientIds) {
        List<String> members = Sorted.distinct(clientIds);
        List<MessageQueue> all = Sorted.distinct(queues);
        int index = members.indexOf(clientId);
        if (index < 0 || all.isEmpty()) {
            return List.of();
        }
        int base = all.size() / members.size();
        int extra = all.size() % members.size();
        int start = index * base + Math.min(index, extra);
        int count = base + (index < extra ? 1 : 0);
        return List.copyOf(all.subList(start, start + count));
    }
}
