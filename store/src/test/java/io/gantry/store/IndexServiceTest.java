package io.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexServiceTest {
    @TempDir
    Path tmp;
    private FaultyDisk disk;

    @BeforeEach
    void setUpDisk() {
        disk = new FaultyDisk(tmp);
    }
    private final ManualScheduler scheduler = new ManualScheduler();

    private IndexService service(int slots, int entries) throws Exception {
        IndexService s = new IndexService(disk, "store/index", slots, entries, scheduler.clock());
        s.load();
        return s;
    }

    @Test
    void findsKeysAndUniqKeysNewestFirst() throws Exception {
        IndexService index = service(100, 1000);
        index.putMessage("T", "UNIQ1", "k1 k2", 100, 1_000_000);
        index.putMessage("T", "UNIQ2", "k1", 200, 1_001_000);
        index.putMessage("Other", "UNIQ3", "k1", 300, 1_002_000);

        assertThat(index.query("T", "k1", 10, 0, Long.MAX_VALUE)).containsExactly(200L, 100L);
        assertThat(index.query("T", "k2", 10, 0, Long.MAX_VALUE)).containsExactly(100L);
        assertThat(index.query("T", "UNIQ2", 10, 0, Long.MAX_VALUE)).containsExactly(200L);
        assertThat(index.query("Other", "k1", 10, 0, Long.MAX_VALUE)).containsExactly(300L);
        assertThat(index.query("T", "k1", 1, 0, Long.MAX_VALUE)).containsExactly(200L);
        assertThat(index.query("T", "nope", 10, 0, Long.MAX_VALUE)).isEmpty();
        assertThat(index.lastUpdatePhyOffset()).isEqualTo(300);
    }

    @Test
    void keysSharingASlotAreChainedAndFilteredByHash() throws Exception {
        // One slot: every key collides on the slot; the hash still tells them apart.
        IndexService index = service(1, 1000);
        for (int i = 0; i < 20; i++) {
            index.putMessage("T", null, "key" + (i % 4), i * 10L, 1_000_000 + i);
        }
        assertThat(index.query("T", "key1", 100, 0, Long.MAX_VALUE))
                .containsExactly(170L, 130L, 90L, 50L, 10L);
    }

    @Test
    void sameHashDifferentKeysAreReturnedForTheCallerToRecheck() throws Exception {
        // "Aa" and "BB" have the same String.hashCode(), so "T#Aa" and "T#BB" do too.
        assertThat(("T#Aa").hashCode()).isEqualTo(("T#BB").hashCode());
        IndexService index = service(100, 1000);
        index.putMessage("T", null, "Aa", 10, 1_000_000);
        index.putMessage("T", null, "BB", 20, 1_000_000);
        assertThat(index.query("T", "Aa", 10, 0, Long.MAX_VALUE)).containsExactly(20L, 10L);
    }

    @Test
    void filtersByTimeRangeAtSecondResolution() throws Exception {
        IndexService index = service(100, 1000);
        index.putMessage("T", null, "k", 10, 1_000_000);
        index.putMessage("T", null, "k", 20, 1_010_000);
        index.putMessage("T", null, "k", 30, 1_020_000);
        assertThat(index.query("T", "k", 10, 1_005_000, 1_015_000)).containsExactly(20L);
        assertThat(index.query("T", "k", 10, 1_010_000, Long.MAX_VALUE)).containsExactly(30L, 20L);
        assertThat(index.query("T", "k", 10, 2_000_000, 3_000_000)).isEmpty();
    }

    @Test
    void rollsToANewFileWhenFullAndQueriesAcrossFiles() throws Exception {
        IndexService index = service(10, 4); // 3 entries per file
        for (int i = 0; i < 7; i++) {
            index.putMessage("T", null, "k", i * 100L, 1_000_000 + i * 1000L);
            scheduler.advanceMs(1);
        }
        assertThat(index.files()).hasSize(3);
        assertThat(disk.list("store/index")).hasSize(3).isSorted();
        assertThat(index.query("T", "k", 100, 0, Long.MAX_VALUE))
                .containsExactly(600L, 500L, 400L, 300L, 200L, 100L, 0L);
    }

    @Test
    void fileNamesStayOrderedWhenTheWallClockGoesBack() throws Exception {
        IndexService index = service(10, 2); // one entry per file
        index.putMessage("T", null, "a", 1, 1);
        scheduler.setWallClockMs(1_600_000_000_000L); // back in time
        index.putMessage("T", null, "b", 2, 2);
        assertThat(index.files()).hasSize(2);
        assertThat(index.files().get(1).name()).isGreaterThan(index.files().get(0).name());
        assertThat(index.files().get(0).name()).matches("\\d{17}");
    }

    @Test
    void headerLayoutAndReloadFromDisk() throws Exception {
        IndexService index = service(100, 1000);
        index.putMessage("T", "U", "k", 4096, 1_000_000);
        index.prepareForce().call();
        String name = index.files().get(0).name();
        ByteBuffer header = ByteBuffer.wrap(disk.contents("store/index/" + name));
        assertThat(header.getLong(0)).isEqualTo(1_000_000); // beginTimestamp
        assertThat(header.getLong(8)).isEqualTo(1_000_000); // endTimestamp
        assertThat(header.getLong(16)).isEqualTo(4096); // beginPhyOffset
        assertThat(header.getLong(24)).isEqualTo(4096); // endPhyOffset
        assertThat(header.getInt(32)).isEqualTo(2); // hash slots used
        assertThat(header.getInt(36)).isEqualTo(3); // indexCount, from 1
        index.close();

        IndexService reloaded = service(100, 1000);
        assertThat(reloaded.query("T", "k", 10, 0, Long.MAX_VALUE)).containsExactly(4096L);
    }

    @Test
    void recoveryKeepsOnlyFullFilesIndexedBeforeTheCheckpoint() throws Exception {
        IndexService index = service(10, 3); // 2 entries per file
        for (int i = 0; i < 5; i++) {
            index.putMessage("T", null, "k", i * 100L, 1_000_000);
            scheduler.advanceMs(1);
        }
        assertThat(index.files()).hasSize(3);
        long lastKept = index.dropUntrusted(250);
        assertThat(index.files()).hasSize(1);
        assertThat(lastKept).as("the kept file's newest record").isEqualTo(100);
        assertThat(disk.list("store/index")).hasSize(1);
        assertThat(index.dropUntrusted(50)).as("nothing trusted").isEqualTo(-1);
        assertThat(index.files()).isEmpty();
    }

    @Test
    void retentionDropsOldFilesButNeverTheNewest() throws Exception {
        IndexService index = service(10, 3);
        for (int i = 0; i < 5; i++) {
            index.putMessage("T", null, "k", i * 100L, 1_000_000);
            scheduler.advanceMs(1);
        }
        for (java.util.concurrent.Callable<Void> deletion : index.dropBelow(1_000_000)) {
            deletion.call();
        }
        assertThat(index.files()).hasSize(1);
        assertThat(index.query("T", "k", 10, 0, Long.MAX_VALUE)).containsExactly(400L);
    }
}
