package io.gantry.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The queue with its same-instant lane must give exactly the (time, sequence) order of a plain priority queue. */
class SimEventQueueTest {

    @Test
    void pollsInTheOrderOfAPriorityQueue() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 50; round++) {
            SimEventQueue queue = new SimEventQueue();
            PriorityQueue<SimEvent> reference = new PriorityQueue<>();
            List<Long> polled = new ArrayList<>();
            List<Long> expected = new ArrayList<>();
            long now = 0;
            long seq = 0;
            for (int step = 0; step < 2_000; step++) {
                if (random.nextInt(3) > 0 || reference.isEmpty()) {
                    // Like the world: events at the current instant (the lane) or later (the heap).
                    long at = random.nextBoolean() ? now : now + random.nextLong(1, 1_000);
                    SimEvent event = new SimEvent(at, seq++, null, 0, () -> { });
                    queue.add(event, now);
                    reference.add(event);
                } else {
                    assertThat(queue.peek()).isSameAs(reference.peek());
                    SimEvent next = queue.poll();
                    expected.add(reference.poll().seq);
                    polled.add(next.seq);
                    now = next.timeNanos;
                }
                assertThat(queue.size()).isEqualTo(reference.size());
            }
            while (!reference.isEmpty()) {
                expected.add(reference.poll().seq);
                polled.add(queue.poll().seq);
            }
            assertThat(queue.poll()).isNull();
            assertThat(polled).isEqualTo(expected);
        }
    }
}
