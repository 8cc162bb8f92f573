package io.gantry.broker.client;

import io.gantry.protocol.body.MessageQueue;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Advisory queue locks for orderly consumption: one owner clientId per (group, queue), granted if
 * free, expired or already the caller's, refreshed by each grant, expiring {@code maxLiveMs} after the
 * last one. Pulls do not check them. Lives on the broker's loop.
 */
public final class QueueLockTable {

    /** Largest number of locks held. */
    public static final int MAX_LOCKS = 1_000_000;

    private record Key(String group, MessageQueue queue) {
    }

    private record Lock(String clientId, long lastRefreshMs) {
    }

    private final long maxLiveMs;
    private final Map<Key, Lock> locks = new HashMap<>();

    public QueueLockTable(long maxLiveMs) {
        this.maxLiveMs = maxLiveMs;
    }

    /** Tries to lock each queue for {@code clientId}; returns those it now holds. */
    public Set<MessageQueue> lock(String group, String clientId, Set<MessageQueue> queues, long nowMs) {
        Set<MessageQueue> granted = new LinkedHashSet<>();
        for (MessageQueue queue : queues) {
            Key key = new Key(group, queue);
            Lock held = locks.get(key);
            boolean free = held == null || nowMs - held.lastRefreshMs() > maxLiveMs || held.clientId().equals(clientId);
            if (free && (held != null || locks.size() < MAX_LOCKS)) {
                locks.put(key, new Lock(clientId, nowMs));
                granted.add(queue);
            }
        }
        return granted;
    }

    /** Releases the queues held by {@code clientId}; others' locks are left alone. */
    public void unlock(String group, String clientId, Set<MessageQueue> queues) {
        for (MessageQueue queue : queues) {
            Key key = new Key(group, queue);
            Lock held = locks.get(key);
            if (held != null && held.clientId().equals(clientId)) {
                locks.remove(key);
            }
        }
    }

    /** Drops expired locks, so the table does not grow with departed clients. */
    public void purgeExpired(long nowMs) {
        locks.values().removeIf(lock -> nowMs - lock.lastRefreshMs() > maxLiveMs);
    }

    public int size() {
        return locks.size();
    }
}
