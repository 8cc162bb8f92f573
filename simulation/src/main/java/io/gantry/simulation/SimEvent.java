package io.gantry.simulation;

/**
 * One scheduled step of the world: runs {@link #action} at {@link #timeNanos}. Events are ordered
 * by (time, sequence number), a total order, so the queue's behaviour never depends on anything
 * but the run. An event owned by a node carries that node's incarnation: it is dropped if the
 * node crashed or restarted since.
 */
final class SimEvent implements Comparable<SimEvent> {

    final long timeNanos;
    final long seq;
    /** Null for world-level events (nemesis actions, network plumbing). */
    final SimNode node;
    final long incarnation;
    final Runnable action;
    boolean cancelled;

    SimEvent(long timeNanos, long seq, SimNode node, long incarnation, Runnable action) {
        this.timeNanos = timeNanos;
        this.seq = seq;
        this.node = node;
        this.incarnation = incarnation;
        this.action = action;
    }

    @Override
    public int compareTo(SimEvent o) {
        int c = Long.compare(timeNanos, o.timeNanos);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
