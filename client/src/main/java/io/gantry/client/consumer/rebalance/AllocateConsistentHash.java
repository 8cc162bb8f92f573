package io.gantry.client.consumer.rebalance;

import io.gantry.protocol.body.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hash ring: each member owns {@code virtualNodes} points (hash of {@code id#k}); a queue goes
 * to the owner of the first point at or after its own hash, wrapping around. Uses 64-bit FNV-1a
 * then a mixer, so it is stable across JVMs and runs.
 */
public final class AllocateConsistentHash implements AllocateStrategy {

    public static final int DEFAULT_VIRTUAL_NODES = 10;
    public static final int MAX_VIRTUAL_NODES = 1_000;

    private final int virtualNodes;

    public AllocateConsistentHash(int virtualNodes) {
        if (virtualNodes < 1 || virtualNodes > MAX_VIRTUAL_NODES) {
            throw new IllegalArgumentException("virtualNodes out of [1, " + MAX_VIRTUAL_NODES + "]: " + virtualNodes);
        }
        this.virtualNodes = virtualNodes;
    }

    @Override
    public List<MessageQueue> allocate(String clientId, List<MessageQueue> queues, List<String> clientIds) {
        List<String> members = Sorted.distinct(clientIds);
        if (!members.contains(clientId)) {
            return List.of();
        }
        TreeMap<Long, String> ring = new TreeMap<>();
        for (String member : members) {
            for (int k = 0; k < virtualNodes; k++) {
                // On the (unlikely) collision the smaller id, met first in sorted order, keeps the point.
                ring.putIfAbsent(hash(member + "#" + k), member);
            }
        }
        List<MessageQueue> mine = new ArrayList<>();
        for (MessageQueue queue : Sorted.distinct(queues)) {
            long h = hash(queue.topic() + "@" + queue.brokerName() + "@" + queue.queueId());
            Map.Entry<Long, String> owner = ring.ceilingEntry(h);
            if (owner == null) {
                owner = ring.firstEntry();
            }
            if (owner.getValue().equals(clientId)) {
                mine.add(queue);
            }
        }
        return List.copyOf(mine);
    }

    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
