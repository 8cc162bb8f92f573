package io.gantry.nameserver.kv;

import io.gantry.runtime.Disk;
import io.gantry.runtime.Scheduler;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the KV configuration after each change, off the loop, one write at a time: a change
 * during a write marks the table dirty and the latest snapshot is written when that write ends.
 * Lives on the node's loop. Does not guarantee that a change is durable when the request that
 * made it is answered (as RocketMQ's nameserver, which persists after answering); a failed write
 * is logged and retried on the next change.
 */
public final class KvConfigPersister {

    private static final Logger LOG = LoggerFactory.getLogger(KvConfigPersister.class);

    private final Scheduler scheduler;
    private final Disk disk;
    private final Supplier<Map<String, Map<String, String>>> snapshot;
    private boolean writing;
    private boolean dirty;
    private long completedWrites;

    public KvConfigPersister(Scheduler scheduler, Disk disk, Supplier<Map<String, Map<String, String>>> snapshot) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.disk = Objects.requireNonNull(disk, "disk");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    }

    /** Asks for the current table to be saved. Call on the loop. */
    public void requestSave() {
        assert scheduler.inLoop() : "requestSave off the loop";
        if (writing) {
            dirty = true;
            return;
        }
        writing = true;
        dirty = false;
        Map<String, Map<String, String>> table = snapshot.get();
        scheduler.offload(() -> {
            KvConfigFile.write(disk, table);
            return null;
        }).whenComplete((ignored, failure) -> {
            writing = false;
            if (failure != null) {
                LOG.error("cannot save {}: {}", KvConfigFile.FILE_NAME, failure.toString());
            } else {
                completedWrites++;
            }
            if (dirty) {
                requestSave();
            }
        });
    }

    /** True while a write is running or one is still wanted. */
    public boolean isBusy() {
        return writing || dirty;
    }

    /** Writes finished without error, for tests and diagnostics. */
    public long completedWrites() {
        return completedWrites;
    }
}
