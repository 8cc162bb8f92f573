package io.gantry.store;

import io.gantry.runtime.Clock;
import io.gantry.runtime.Disk;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key index over all index files in {@code index/}: adds a message's UNIQ_KEY and KEYS under
 * {@code topic#key}, rolls to a new file when one is full, answers key queries within a time
 * range, and drops files wholly below the commit log's min offset. Files are named by their
 * creation time ({@code yyyyMMddHHmmssSSS}, UTC, from the node's wall clock), kept strictly
 * increasing even if the clock goes back.
 *
 * <p>Used on the store's loop. Derived data: recovery may delete the newest files and re-index
 * from the commit log ({@link #dropUntrusted}).
 */
final class IndexService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);
    private static final DateTimeFormatter NAME_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final Disk disk;
    private final String dir;
    private final int hashSlotNum;
    private final int indexNum;
    private final Clock clock;
    private final List<IndexFile> files = new ArrayList<>();
    private boolean directoryDirty;
    private boolean damagedAtLoad;

    IndexService(Disk disk, String dir, int hashSlotNum, int indexNum, Clock clock) {
        this.disk = disk;
        this.dir = dir;
        this.hashSlotNum = hashSlotNum;
        this.indexNum = indexNum;
        this.clock = clock;
    }

    /** Opens the existing files; an unreadable one and every later one are deleted (re-indexed by recovery). */
    void load() throws IOException {
        disk.createDirectories(dir);
        // Files an earlier incarnation created may have names only in the page cache.
        directoryDirty = true;
        boolean dropRest = false;
        for (String name : disk.list(dir)) {
            if (dropRest) {
                deleteFile(name);
                continue;
            }
            IndexFile f = IndexFile.open(disk, dir, name, hashSlotNum, indexNum);
            if (f == null) {
                LOG.warn("index file {}/{} has a bad header; deleting it and later ones, they will be rebuilt", dir, name);
                deleteFile(name);
                dropRest = true;
                damagedAtLoad = true;
            } else {
                files.add(f);
            }
        }
    }

    /** True if {@link #load} deleted damaged files: recovery must re-index after the kept ones. */
    boolean damagedAtLoad() {
        return damagedAtLoad;
    }

    List<IndexFile> files() {
        return files;
    }

    /**
     * Recovery after a crash: keeps the leading files that are full and were wholly indexed before
     * {@code trustedOffset} (the checkpoint's index offset) and deletes the rest. Returns the
     * commit-log offset of the newest record in the kept files (a record start: recovery re-indexes
     * from it on, as its keys may have spilled into a deleted file), or -1 if no file is kept.
     */
    long dropUntrusted(long trustedOffset) throws IOException {
        int keep = 0;
        while (keep < files.size() && files.get(keep).isFull() && files.get(keep).endPhyOffset() < trustedOffset) {
            keep++;
        }
        while (files.size() > keep) {
            IndexFile f = files.remove(files.size() - 1);
            f.close();
            deleteFile(f.name());
        }
        return keep == 0 ? -1 : files.get(keep - 1).endPhyOffset();
    }

    /** Indexes one message's UNIQ_KEY (may be null) and space-separated KEYS (may be null). */
    void putMessage(String topic, String uniqKey, String keys, long phyOffset, long storeTimestamp)
            throws IOException {
        if (uniqKey != null && !uniqKey.isEmpty()) {
            put(topic + "#" + uniqKey, phyOffset, storeTimestamp);
        }
        if (keys != null) {
            for (String key : keys.split(" ")) {
                if (!key.isEmpty()) {
                    put(topic + "#" + key, phyOffset, storeTimestamp);
                }
            }
        }
    }

    private void put(String fullKey, long phyOffset, long storeTimestamp) throws IOException {
        IndexFile current = files.isEmpty() ? null : files.get(files.size() - 1);
        if (current == null || !current.put(fullKey, phyOffset, storeTimestamp)) {
            current = roll();
            boolean added = current.put(fullKey, phyOffset, storeTimestamp);
            assert added : "a new index file is full";
        }
    }

    private IndexFile roll() throws IOException {
        long ms = clock.wallClockMs();
        String name = NAME_FORMAT.format(Instant.ofEpochMilli(ms));
        if (!files.isEmpty()) {
            String last = files.get(files.size() - 1).name();
            // Names must sort in creation order even when the wall clock goes back.
            while (name.compareTo(last) <= 0) {
                ms = Math.max(ms + 1, parseNameMs(last) + 1);
                name = NAME_FORMAT.format(Instant.ofEpochMilli(ms));
            }
        }
        IndexFile f = IndexFile.create(disk, dir, name, hashSlotNum, indexNum);
        files.add(f);
        directoryDirty = true;
        return f;
    }

    private static long parseNameMs(String name) {
        try {
            return Instant.from(NAME_FORMAT.parse(name)).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * Commit-log offsets of messages of {@code topic} whose key hash matches {@code key}, stored in
     * [beginMs, endMs], newest files first, at most {@code maxNum}. May include hash collisions.
     */
    List<Long> query(String topic, String key, int maxNum, long beginMs, long endMs) throws IOException {
        List<Long> out = new ArrayList<>();
        String fullKey = topic + "#" + key;
        for (int i = files.size() - 1; i >= 0 && out.size() < maxNum; i--) {
            IndexFile f = files.get(i);
            if (f.overlaps(beginMs, endMs)) {
                f.query(fullKey, beginMs, endMs, maxNum, out);
            }
        }
        return out;
    }

    /** Store time of the newest indexed message, 0 if none. */
    long lastUpdateTimestamp() {
        return files.isEmpty() ? 0 : files.get(files.size() - 1).endTimestamp();
    }

    /** Commit-log offset of the newest indexed message, 0 if none. */
    long lastUpdatePhyOffset() {
        return files.isEmpty() ? 0 : files.get(files.size() - 1).endPhyOffset();
    }

    /**
     * Detaches the oldest files whose entries are all below {@code commitLogMinOffset}, never the
     * newest; the returned tasks delete them (run them off the loop).
     */
    List<Callable<Void>> dropBelow(long commitLogMinOffset) {
        List<Callable<Void>> deletions = new ArrayList<>();
        while (files.size() > 1 && files.get(0).endPhyOffset() < commitLogMinOffset) {
            IndexFile f = files.remove(0);
            deletions.add(() -> {
                f.close();
                disk.delete(dir + "/" + f.name());
                disk.syncDirectory(dir);
                return null;
            });
        }
        return deletions;
    }

    /** Writes headers and returns one task forcing every changed file (and the directory); run it off the loop. */
    Callable<Void> prepareForce() throws IOException {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (IndexFile f : files) {
            tasks.add(f.prepareForce());
        }
        boolean syncDir = directoryDirty;
        directoryDirty = false;
        return () -> {
            for (Callable<Void> t : tasks) {
                t.call();
            }
            if (syncDir) {
                disk.syncDirectory(dir);
            }
            return null;
        };
    }

    /** Writes headers and forces every changed file now, blocking; for start-up and shutdown. */
    void forceAll() throws IOException {
        try {
            prepareForce().call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private void deleteFile(String name) throws IOException {
        disk.delete(dir + "/" + name);
        directoryDirty = true;
    }

    @Override
    public void close() throws IOException {
        for (IndexFile f : files) {
            f.close();
        }
        files.clear();
    }
}
