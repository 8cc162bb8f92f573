package io.gantry.broker.persist;

import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.remoting.ProtocolException;
import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One JSON configuration file on the node's disk (topics.json, consumerOffset.json,
 * subscriptionGroup.json), in RocketMQ's shapes through the protocol body classes. Writes are atomic
 * and durable: a temp file, forced, renamed over the old one, then the directory synced. Every method
 * blocks: call {@link #write} through {@code Scheduler.offload}; {@link #read} runs at start-up only.
 */
public final class JsonConfigFile<T> {

    /** Largest file read back. */
    public static final int MAX_FILE_BYTES = 256 * 1024 * 1024;

    private final Disk disk;
    private final String dir;
    private final String path;
    private final Class<T> type;

    public JsonConfigFile(Disk disk, String dir, String fileName, Class<T> type) {
        this.disk = Objects.requireNonNull(disk, "disk");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.path = dir.isEmpty() ? fileName : dir + "/" + fileName;
        this.type = Objects.requireNonNull(type, "type");
    }

    public String path() {
        return path;
    }

    /**
     * The saved value, or null if there is no file.
     *
     * @throws IOException if it cannot be read, is too large or does not parse (naming the file)
     */
    public T read() throws IOException {
        if (!disk.exists(path)) {
            return null;
        }
        byte[] bytes;
        try (DiskFile file = disk.open(path, false)) {
            long size = file.sizeBytes();
            if (size > MAX_FILE_BYTES) {
                throw new IOException(path + " is " + size + " bytes, over the " + MAX_FILE_BYTES + " limit");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && file.read(buffer.position(), buffer) > 0) {
                // read until full or end of file
            }
            bytes = buffer.array();
        }
        try {
            return RemotingJson.decode(bytes, type);
        } catch (ProtocolException e) {
            throw new IOException(path + " does not parse: " + e.getMessage(), e);
        }
    }

    /** Replaces the file with {@code value}, atomically and durably. Blocking. */
    public void write(T value) throws IOException {
        byte[] bytes = RemotingJson.encode(value);
        disk.createDirectories(dir);
        String temp = path + ".tmp";
        try (DiskFile file = disk.open(temp, true)) {
            file.truncate(0);
            file.write(0, ByteBuffer.wrap(bytes));
            file.force();
        }
        disk.rename(temp, path);
        disk.syncDirectory(dir);
    }
}
