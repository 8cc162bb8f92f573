package io.gantry.broker.persist;

import io.gantry.runtime.Scheduler;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves one {@link JsonConfigFile} off the loop, one write at a time: a save asked for during a
 * write marks it dirty and the latest snapshot (taken on the loop) is written when that write ends.
 * A failed write is logged and retried on the next request. Lives on the broker's loop. Does not
 * guarantee that a change is durable when the request that made it is answered.
 */
public final class ConfigPersister<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigPersister.class);

    private final Scheduler scheduler;
    private final JsonConfigFile<T> file;
    private final Supplier<T> snapshot;
    private boolean writing;
    private boolean dirty;
    private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

    public ConfigPersister(Scheduler scheduler, JsonConfigFile<T> file, Supplier<T> snapshot) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.file = Objects.requireNonNull(file, "file");
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    }

    /** Asks for the current state to be saved; the future completes when a write covering it ends. */
    public CompletableFuture<Void> requestSave() {
        assert scheduler.inLoop() : "requestSave off the loop";
        if (writing) {
            dirty = true;
            return idle;
        }
        writing = true;
        dirty = false;
        if (idle.isDone()) {
            idle = new CompletableFuture<>();
        }
        T value = snapshot.get();
        CompletableFuture<Void> done = idle;
        scheduler.offload(() -> {
            file.write(value);
            return null;
        }).whenComplete((ignored, failure) -> {
            writing = false;
            if (failure != null) {
                LOG.error("cannot save {}: {}", file.path(), failure.toString());
            }
            if (dirty) {
                requestSave();
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    /** True while a write is running or wanted. */
    public boolean isBusy() {
        return writing || dirty;
    }
}
