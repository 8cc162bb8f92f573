package io.gantry.store;

import static io.gantry.store.StoreHarness.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's replication API: chunks of whole records, checked replica appends, probes and crash-safe cuts. */
class ReplicationStoreTest {
    @TempDir
    Path masterDir;
    @TempDir
    Path slaveDir;

    private final StoreConfig config = StoreHarness.smallConfig().build();

    private static void putMany(MessageStore store, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(store.putMessage(message("TopicA", i % 3, prefix + i)).isOk()).isTrue();
        }
    }

    /** Copies the master's log to the slave chunk by chunk, as the HA channel does. */
    private static void copy(MessageStore master, MessageStore slave) {
        long next = slave.getMaxPhyOffset();
        int rounds = 0;
        while (next < master.getMaxPhyOffset()) {
            ReplicationChunk chunk = master.readReplicationChunk(next, 1000);
            assertThat(chunk).isNotNull();
            long end = slave.appendReplicated(chunk.startOffset(), chunk.bytes());
            assertThat(end).isEqualTo(chunk.nextOffset());
            next = end;
            assertThat(++rounds).isLessThan(10_000);
        }
    }

    private static void assertSameBytes(MessageStore master, MessageStore slave) {
        assertThat(slave.getMaxPhyOffset()).isLessThanOrEqualTo(master.getMaxPhyOffset());
        long at = slave.getMinPhyOffset();
        while (at < slave.getMaxPhyOffset()) {
            ByteBuffer a = master.readRawCommitLog(at, 4096);
            ByteBuffer b = slave.readRawCommitLog(at, 4096);
            assertThat(b.remaining()).isPositive();
            assertThat(b).as("bytes at " + at).isEqualTo(a.slice(0, b.remaining()));
            at += b.remaining();
        }
    }

    @Test
    void chunksCopyTheLogAcrossSegmentsAndTheSlaveDispatches() throws Exception {
        StoreHarness mh = new StoreHarness(masterDir);
        StoreHarness sh = new StoreHarness(slaveDir);
        MessageStore master = mh.open(config);
        MessageStore slave = sh.open(config);
        putMany(master, "m", 200);
        assertThat(master.getMaxPhyOffset()).as("more than one segment").isGreaterThan(2 * 8192);
        copy(master, slave);
        assertThat(slave.getMaxPhyOffset()).isEqualTo(master.getMaxPhyOffset());
        assertSameBytes(master, slave);
        for (int q = 0; q < 3; q++) {
            assertThat(slave.getMaxOffsetInQueue("TopicA", q)).isEqualTo(master.getMaxOffsetInQueue("TopicA", q));
            GetMessageResult r = slave.getMessage("TopicA", q, 0, 1, 1 << 20, MessageFilter.ALL);
            assertThat(r.status()).isEqualTo(GetMessageStatus.FOUND);
        }
        assertThat(master.readReplicationChunk(master.getMaxPhyOffset(), 1000).isEmpty()).isTrue();
        assertThat(master.readReplicationChunk(master.getMaxPhyOffset() + 1, 1000)).isNull();
        assertThat(master.readReplicationChunk(1, 1000)).as("not a record boundary").isNull();
    }

    @Test
    void gapsAndDamagedRecordsAreRefusedAndWriteNothing() throws Exception {
        MessageStore master = new StoreHarness(masterDir).open(config);
        MessageStore slave = new StoreHarness(slaveDir).open(config);
        putMany(master, "m", 10);
        ReplicationChunk first = master.readReplicationChunk(0, 300);
        ReplicationChunk second = master.readReplicationChunk(first.nextOffset(), 300);
        assertThatThrownBy(() -> slave.appendReplicated(second.startOffset(), second.bytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends at 0");
        ByteBuffer damaged = ByteBuffer.allocate(first.bytes().remaining()).put(first.bytes().duplicate()).flip();
        damaged.put(damaged.limit() - 1, (byte) (damaged.get(damaged.limit() - 1) ^ 1));
        assertThatThrownBy(() -> slave.appendReplicated(0, damaged)).isInstanceOf(IllegalArgumentException.class);
        ByteBuffer cut = first.bytes().slice(0, first.bytes().remaining() - 1);
        assertThatThrownBy(() -> slave.appendReplicated(0, cut)).isInstanceOf(IllegalArgumentException.class);
        assertThat(slave.getMaxPhyOffset()).isZero();
        slave.appendReplicated(0, first.bytes());
        assertThat(slave.getMaxPhyOffset()).isEqualTo(first.nextOffset());
    }

    @Test
    void probesFindTheSharedPrefixAndTheCutSurvivesACrash() throws Exception {
        StoreHarness mh = new StoreHarness(masterDir);
        StoreHarness sh = new StoreHarness(slaveDir);
        MessageStore master = mh.open(config);
        MessageStore slave = sh.open(config);
        putMany(master, "m", 120);
        copy(master, slave);
        List<ReplicaProbe> inSync = slave.replicationProbes();
        assertThat(inSync).isNotEmpty();
        assertThat(inSync).allMatch(master::matchesProbe);

        // A second master that shares only a prefix: same first 60 records, then different ones.
        StoreHarness oh = new StoreHarness(masterDir.resolve("other"));
        MessageStore other = oh.open(config);
        putMany(other, "m", 60);
        long shared = other.getMaxPhyOffset();
        putMany(other, "x", 20);
        List<ReplicaProbe> probes = slave.replicationProbes();
        long longest = -1;
        for (ReplicaProbe p : probes) {
            if (other.matchesProbe(p)) {
                longest = Math.max(longest, p.endOffset());
            }
        }
        // Store times differ between the two masters only if the clock moved: compare bytes, not assumptions.
        assertThat(longest).isLessThanOrEqualTo(shared);
        assertThat(other.matchesProbe(probes.get(probes.size() - 1))).isFalse();

        long target = Math.max(0, longest);
        CompletableFuture<Void> cut = slave.truncateReplica(target);
        sh.scheduler.runUntilIdle();
        assertThat(cut).isCompleted();
        assertThat(slave.getMaxPhyOffset()).isEqualTo(target);
        assertThat(slave.replicaTruncations()).hasSize(1);
        assertThat(sh.disk.exists(StoreConfig.builder().build().storePathRootDir() + "/replicaTruncate")).isFalse();
        copy(other, slave);
        assertSameBytes(other, slave);
    }

    @Test
    void aMarkedCutIsRedoneAtStartUp() throws Exception {
        StoreHarness mh = new StoreHarness(masterDir);
        MessageStore master = mh.open(config);
        putMany(master, "m", 80);
        StoreHarness sh = new StoreHarness(slaveDir);
        MessageStore slave = sh.open(config);
        copy(master, slave);
        slave.checkpointNow();
        sh.scheduler.runUntilIdle();
        ReplicationChunk firstChunk = master.readReplicationChunk(0, 2000);
        long target = firstChunk.nextOffset();
        // The crash came right after the marker was written: nothing else was cut yet.
        new TruncationMarker(sh.disk, config.storePathRootDir()).write(target);
        slave.closeWithoutFlush();

        StoreHarness again = new StoreHarness(slaveDir);
        MessageStore reopened = again.open(config);
        assertThat(reopened.getMaxPhyOffset()).isEqualTo(target);
        assertThat(reopened.replicaTruncations()).hasSize(1);
        assertThat(again.disk.exists(config.storePathRootDir() + "/replicaTruncate")).isFalse();
        long entries = 0;
        for (int q = 0; q < 3; q++) {
            entries += reopened.getMaxOffsetInQueue("TopicA", q);
        }
        assertThat(entries).as("queues follow the cut").isLessThan(80).isPositive();
        copy(master, reopened);
        assertSameBytes(master, reopened);
        for (int q = 0; q < 3; q++) {
            assertThat(reopened.getMaxOffsetInQueue("TopicA", q)).isEqualTo(master.getMaxOffsetInQueue("TopicA", q));
        }
    }
}
