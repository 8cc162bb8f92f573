package io.gantry.simulation;

import java.util.ArrayDeque;

/**
 * One direction of a simulated connection: a FIFO of items in flight towards {@link #to}. An item
 * is delivered on the destination node's loop when its arrival time has come and no partition
 * blocks the link; a blocked head holds everything behind it, so order is never broken.
 */
final class SimPipe {

    enum Kind { OPEN, FRAME, FIN, RST }

    record Item(Kind kind, byte[] bytes, Throwable cause, long arrivalNanos) {
    }

    private final SimNetwork network;
    final SimConnection from;
    final SimConnection to;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private long lastArrivalNanos;
    private long queuedBytes;

    SimPipe(SimNetwork network, SimConnection from, SimConnection to) {
        this.network = network;
        this.from = from;
        this.to = to;
    }

    /** Sends an item that arrives after the link's latency, never before an earlier item. */
    void enqueue(Kind kind, byte[] bytes, Throwable cause) {
        enqueueAfter(kind, bytes, cause, network.latencyNanos(from.node(), to.node()));
    }

    void enqueueAfter(Kind kind, byte[] bytes, Throwable cause, long delayNanos) {
        long arrival = Math.max(network.world().nowNanos() + delayNanos, lastArrivalNanos);
        lastArrivalNanos = arrival;
        items.addLast(new Item(kind, bytes, cause, arrival));
        if (bytes != null) {
            queuedBytes += bytes.length;
        }
        schedulePump(arrival);
    }

    /** Everything in flight is lost (a reset, or the sending machine lost power). */
    void clear() {
        items.clear();
        queuedBytes = 0;
    }

    long queuedBytes() {
        return queuedBytes;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** After a heal: try again now. */
    void kick() {
        if (!items.isEmpty()) {
            schedulePump(network.world().nowNanos());
        }
    }

    private void schedulePump(long atNanos) {
        SimNode node = to.node();
        network.world().enqueue(atNanos, node, to.incarnation(), this::pump);
    }

    /** Delivers the head if it is due and the link is open; chains to the next due item. */
    private void pump() {
        Item head = items.peekFirst();
        long now = network.world().nowNanos();
        if (head == null || head.arrivalNanos() > now || network.isBlocked(from.node(), to.node())) {
            return;
        }
        items.removeFirst();
        if (head.bytes() != null) {
            queuedBytes -= head.bytes().length;
        }
        Item next = items.peekFirst();
        if (next != null && next.arrivalNanos() <= now) {
            schedulePump(now);
        }
        to.receive(head);
    }
}
