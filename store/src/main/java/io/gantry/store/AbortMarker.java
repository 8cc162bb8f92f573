package io.gantry.store;

import io.gantry.runtime.Disk;
import java.io.IOException;

/**
 * The empty {@code abort} file: created (durably) when the store starts, deleted when it shuts
 * down cleanly. Finding it at start means the last run crashed, so recovery must distrust
 * everything written after the checkpoint. Blocking calls: start-up and shutdown only.
 */
final class AbortMarker {
    private final Disk disk;
    private final String dir;
    private final String path;

    AbortMarker(Disk disk, String dir) {
        this.disk = disk;
        this.dir = dir;
        this.path = dir + "/abort";
    }

    /** True if the previous run did not shut down cleanly. */
    boolean present() {
        return disk.exists(path);
    }

    void create() throws IOException {
        disk.open(path, true).close();
        disk.syncDirectory(dir);
    }

    void delete() throws IOException {
        disk.delete(path);
        disk.syncDirectory(dir);
    }
}
