package io.gantry.client.consumer;

import io.gantry.protocol.body.MessageQueue;
import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import io.gantry.runtime.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Offsets of a broadcasting consumer, kept on the node's disk (each member has its own):
 * {@code offsets/<group>/offsets.txt}, one line {@code topic<TAB>broker<TAB>queueId<TAB>offset}
 * per queue, replaced atomically (write a temporary file, force, rename, sync the directory).
 * Disk work goes through {@link Scheduler#offload}; the map itself is loop-only.
 */
final class LocalOffsetStore {

    /** Limit on the file read back at start. */
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private final Disk disk;
    private final Scheduler scheduler;
    private final String dir;
    private final Map<MessageQueue, Long> offsets = new TreeMap<>();
    /** The last write started; the next one waits for it. */
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

    LocalOffsetStore(Disk disk, Scheduler scheduler, String group) {
        this.disk = disk;
        this.scheduler = scheduler;
        this.dir = "offsets/" + group;
    }

    /** Reads the file (off the loop); completes on the loop. */
    CompletableFuture<Void> load() {
        return scheduler.offload(this::readFile).thenAccept(offsets::putAll);
    }

    long read(MessageQueue queue) {
        return offsets.getOrDefault(queue, -1L);
    }

    void update(MessageQueue queue, long offset) {
        offsets.put(queue, offset);
    }

    /**
     * Writes a snapshot of the offsets durably; completes on the loop. Writes run one after the
     * other (each takes its snapshot when it starts): two at once would share the temporary file.
     */
    CompletableFuture<Void> persist() {
        CompletableFuture<Void> next = lastWrite.handle((ignored, failure) -> null).thenCompose(ignored -> {
            byte[] bytes = snapshot();
            return scheduler.offload(() -> {
                writeFile(bytes);
                return null;
            });
        });
        lastWrite = next;
        return next;
    }

    private byte[] snapshot() {
        StringBuilder text = new StringBuilder();
        offsets.forEach((queue, offset) -> text.append(queue.topic()).append('\t').append(queue.brokerName())
                .append('\t').append(queue.queueId()).append('\t').append(offset).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Map<MessageQueue, Long> readFile() throws IOException {
        Map<MessageQueue, Long> loaded = new TreeMap<>();
        String path = dir + "/offsets.txt";
        if (!disk.exists(path)) {
            return loaded;
        }
        DiskFile file = disk.open(path, false);
        try {
            long size = file.sizeBytes();
            if (size > MAX_FILE_BYTES) {
                throw new IOException("offset file over " + MAX_FILE_BYTES + " bytes: " + path);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && file.read(buffer.position(), buffer) > 0) {
                // read until full
            }
            for (String line : new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.split("\t");
                if (parts.length == 4) {
                    loaded.put(new MessageQueue(parts[0], parts[1], Integer.parseInt(parts[2])), Long.parseLong(parts[3]));
                }
            }
        } finally {
            file.close();
        }
        return loaded;
    }

    private void writeFile(byte[] bytes) {
        try {
            disk.createDirectories(dir);
            String tmp = dir + "/offsets.txt.tmp";
            DiskFile file = disk.open(tmp, true);
            try {
                file.truncate(0);
                file.write(0, ByteBuffer.wrap(bytes));
                file.force();
            } finally {
                file.close();
            }
            disk.rename(tmp, dir + "/offsets.txt");
            disk.syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
