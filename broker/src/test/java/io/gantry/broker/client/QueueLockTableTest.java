package io.gantry.broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.body.MessageQueue;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueLockTableTest {

    private static final MessageQueue Q0 = new MessageQueue("T", "broker-a", 0);
    private static final MessageQueue Q1 = new MessageQueue("T", "broker-a", 1);

    @Test
    void oneOwnerPerGroupAndQueueUntilExpiry() {
        QueueLockTable locks = new QueueLockTable(60_000);
        assertThat(locks.lock("G", "c1", Set.of(Q0, Q1), 0)).containsExactlyInAnyOrder(Q0, Q1);
        assertThat(locks.lock("G", "c2", Set.of(Q0), 30_000)).isEmpty();
        assertThat(locks.lock("OtherGroup", "c2", Set.of(Q0), 30_000)).containsExactly(Q0);
        assertThat(locks.lock("G", "c1", Set.of(Q0), 50_000)).as("the owner refreshes").containsExactly(Q0);
        assertThat(locks.lock("G", "c2", Set.of(Q0), 100_000)).as("still fresh after the refresh").isEmpty();
        assertThat(locks.lock("G", "c2", Set.of(Q0), 110_001)).as("expired 60 s after the refresh").containsExactly(Q0);
    }

    @Test
    void unlockReleasesOnlyTheCallersLocks() {
        QueueLockTable locks = new QueueLockTable(60_000);
        locks.lock("G", "c1", Set.of(Q0), 0);
        locks.unlock("G", "c2", Set.of(Q0));
        assertThat(locks.lock("G", "c2", Set.of(Q0), 1)).isEmpty();
        locks.unlock("G", "c1", Set.of(Q0));
        assertThat(locks.lock("G", "c2", Set.of(Q0), 2)).containsExactly(Q0);
        locks.purgeExpired(100_000);
        assertThat(locks.size()).isZero();
    }
}
