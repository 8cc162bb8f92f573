package io.gantry.store;

import io.gantry.runtime.Scheduler;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps at most one force of a {@link SegmentedFile} in flight, run through
 * {@link Scheduler#offload}. A successful force moves the file's durable position and tells the
 * listener; a failed one turns the store read-only and the runner never forces that file again,
 * because after a failed fsync nothing is known about its data until recovery re-reads it.
 */
final class ForceRunner {

    /** Told on the loop about each force's end. */
    interface Listener {
        void forced(long durableOffset);

        void forceFailed(Throwable cause);
    }

    private final Scheduler scheduler;
    private final SegmentedFile file;
    private final StoreHealth health;
    private final String name;
    private final Listener listener;
    private boolean inFlight;
    private Throwable failure;

    ForceRunner(Scheduler scheduler, SegmentedFile file, StoreHealth health, String name, Listener listener) {
        this.scheduler = scheduler;
        this.file = file;
        this.health = health;
        this.name = name;
        this.listener = listener;
    }

    boolean inFlight() {
        return inFlight;
    }

    /** The exception of the force that failed, or null. */
    Throwable failure() {
        return failure;
    }

    /** Starts a force unless one is running, one has failed, or everything is already durable. */
    void tryStart() {
        if (inFlight || failure != null || file.durablePosition() >= file.writePosition()) {
            return;
        }
        SegmentedFile.ForceTask task = file.prepareForce();
        inFlight = true;
        CompletableFuture<Long> done = scheduler.offload(task);
        done.whenComplete((covered, error) -> {
            inFlight = false;
            file.forceEnded(task, error == null);
            if (error != null) {
                failure = error;
                health.turnReadOnly("force of " + name + " (" + file.directory() + ") failed: " + error, error);
                listener.forceFailed(error);
            } else {
                listener.forced(covered);
            }
        });
    }
}
