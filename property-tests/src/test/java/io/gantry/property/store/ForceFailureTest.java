package io.gantry.property.store;

import static io.gantry.property.store.StoreFaultScenariosTest.config;
import static io.gantry.property.store.StoreFaultScenariosTest.message;
import static io.gantry.property.store.StoreFaultScenariosTest.readQueue;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.store.FlushDiskType;
import io.gantry.store.FlushStatus;
import io.gantry.store.MessageStore;
import io.gantry.store.PutMessageResult;
import io.gantry.store.PutMessageStatus;
import io.gantry.store.StoreFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** An fsync that fails with EIO: pending puts fail, never succeed, and the store turns read-only. */
class ForceFailureTest {

    private static void assertFailedWithStoreFailure(CompletableFuture<FlushStatus> durability) {
        assertThat(durability).isCompletedExceptionally();
        try {
            durability.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(StoreFailedException.class);
            assertThat(e.getCause()).hasMessageContaining("EIO");
        }
    }

    @Test
    void syncFlushPutsPendingOnAFailedForceFailAndLaterPutsAreRefused() throws Exception {
        SimStoreNode node = new SimStoreNode(1, config(FlushDiskType.SYNC_FLUSH));
        MessageStore store = node.open();
        node.disk().faults().failNextForces(1);
        List<PutMessageResult> puts = new ArrayList<>();
        for (int id = 1; id <= 4; id++) {
            int i = id;
            puts.add(node.onLoop(() -> store.putMessage(message(i))));
        }
        for (PutMessageResult put : puts) {
            assertThat(put.status()).isEqualTo(PutMessageStatus.PUT_OK);
            node.await(put.durability(), 60_000);
            assertFailedWithStoreFailure(put.durability());
        }
        // Nothing reports success afterwards, not even once more time passes and forces could run.
        node.advance(30_000);
        for (PutMessageResult put : puts) {
            assertThat(put.durability().isCompletedExceptionally()).isTrue();
        }
        assertThat(node.onLoop(store::readOnlyReason)).contains("force").contains("EIO");

        PutMessageResult later = node.onLoop(() -> store.putMessage(message(5)));
        assertThat(later.status()).isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
        assertThat(later.errorMessage()).contains("read-only").contains("EIO");
        assertThat(later.durability()).isCompletedExceptionally();
        CompletableFuture<FlushStatus> flush = node.onLoop(store::flush);
        node.await(flush, 10_000);
        assertThat(flush).isCompletedExceptionally();
        // Readers are not served what never became durable.
        assertThat(readQueue(node).messageCount()).isZero();
    }

    @Test
    void asyncFlushPutsFailWhenThePeriodicForceFails() throws Exception {
        SimStoreNode node = new SimStoreNode(2, config(FlushDiskType.ASYNC_FLUSH));
        MessageStore store = node.open();
        PutMessageResult before = node.onLoop(() -> store.putMessage(message(1)));
        node.await(before.durability(), 10_000);
        assertThat(before.durability()).isCompletedWithValue(FlushStatus.FLUSHED);

        // Every force fails, so the periodic commit-log force does (not only a queue or checkpoint force).
        node.disk().faults().forceErrorProbability(1.0);
        PutMessageResult pending = node.onLoop(() -> store.putMessage(message(2)));
        node.advance(5_000);
        node.disk().faults().clear();
        node.advance(5_000);
        assertFailedWithStoreFailure(pending.durability());
        assertThat(node.onLoop(store::readOnlyReason)).contains("EIO");
        PutMessageResult later = node.onLoop(() -> store.putMessage(message(3)));
        assertThat(later.status()).isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
    }

    /**
     * Found by the property: the failed fsync left the pages of the unforced records marked clean
     * but unwritten (as Linux does). The process crashed, recovery saw the records in the page
     * cache, forced (which wrote nothing) and checkpointed them as durable; a power loss then
     * reverted them and the store refused to open, losing what it had served since.
     */
    @Test
    void recordsRecoveredAfterAFailedForceAndACrashSurvivePowerLoss() throws Exception {
        SimStoreNode node = new SimStoreNode(3, config(FlushDiskType.SYNC_FLUSH));
        MessageStore store = node.open();
        node.disk().faults().failNextForces(1);
        List<PutMessageResult> puts = new ArrayList<>();
        for (int id = 1; id <= 6; id++) {
            int i = id;
            puts.add(node.onLoop(() -> store.putMessage(message(i))));
        }
        node.await(puts.get(puts.size() - 1).durability(), 60_000);
        assertThat(node.onLoop(store::readOnlyReason)).isNotNull();

        node.crashAndRestart();
        node.open();
        int recovered = readQueue(node).messageCount();
        PutMessageResult after = node.onLoop(() -> node.store().putMessage(message(7)));
        node.await(after.durability(), 10_000);
        assertThat(after.durability()).isCompletedWithValue(FlushStatus.FLUSHED);

        node.powerLossAndRestart();
        node.open();
        assertThat(readQueue(node).messageCount()).as("records recovery served, plus the acknowledged one")
                .isEqualTo(recovered + 1);
    }
}
