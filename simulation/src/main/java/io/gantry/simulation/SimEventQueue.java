package io.gantry.simulation;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The world's pending events in (time, sequence) order: a binary min-heap, plus a FIFO lane for events
 * due at the instant they are queued (loop hand-offs, completions), which are the majority and cost
 * O(1) there instead of two heap sifts. Events in the lane are queued with non-decreasing time and
 * increasing sequence, so the lane is sorted by construction and {@link #poll} merges its head with
 * the heap's: the order is exactly the one a single priority queue would give. Not thread-safe; the
 * world's thread owns it.
 */
final class SimEventQueue {

    private final ArrayDeque<SimEvent> now = new ArrayDeque<>();
    private SimEvent[] heap = new SimEvent[256];
    private int heapSize;

    /** Queues {@code event}; {@code currentNanos} is the world's time (events at it go to the lane). */
    void add(SimEvent event, long currentNanos) {
        SimEvent last = now.peekLast();
        if (event.timeNanos == currentNanos && (last == null || before(last, event))) {
            now.addLast(event);
            return;
        }
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            SimEvent p = heap[parent];
            if (!before(event, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = event;
    }

    /** The earliest event, or null. */
    SimEvent peek() {
        SimEvent lane = now.peekFirst();
        if (heapSize == 0) {
            return lane;
        }
        return lane != null && before(lane, heap[0]) ? lane : heap[0];
    }

    /** Removes and returns the earliest event, or null. */
    SimEvent poll() {
        SimEvent lane = now.peekFirst();
        if (heapSize == 0 || (lane != null && before(lane, heap[0]))) {
            return now.pollFirst();
        }
        return pollHeap();
    }

    int size() {
        return now.size() + heapSize;
    }

    private SimEvent pollHeap() {
        SimEvent top = heap[0];
        SimEvent last = heap[--heapSize];
        heap[heapSize] = null;
        if (heapSize > 0) {
            int i = 0;
            int half = heapSize >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                SimEvent c = heap[child];
                int right = child + 1;
                if (right < heapSize && before(heap[right], c)) {
                    child = right;
                    c = heap[child];
                }
                if (!before(c, last)) {
                    break;
                }
                heap[i] = c;
                i = child;
            }
            heap[i] = last;
        }
        return top;
    }

    private static boolean before(SimEvent a, SimEvent b) {
        return a.timeNanos < b.timeNanos || (a.timeNanos == b.timeNanos && a.seq < b.seq);
    }
}
