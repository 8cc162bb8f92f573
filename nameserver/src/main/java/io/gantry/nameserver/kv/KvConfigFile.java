package io.gantry.nameserver.kv;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.remoting.ProtocolException;
import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the KV configuration file, in RocketMQ's {@code kvConfig.json} shape:
 * {@code {"configTable":{"namespace":{"key":"value"}}}}. Writes are atomic and durable: a temp
 * file, forced, renamed over the old one, then the directory synced. Every method blocks: call
 * {@link #write} through {@code Scheduler.offload}.
 */
public final class KvConfigFile {

    /** The file name, in the nameserver's disk root. */
    public static final String FILE_NAME = "kvConfig.json";
    /** Largest file read back; far above what any namespace table needs. */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

    private static final TypeReference<Map<String, Map<String, Map<String, String>>>> SHAPE = new TypeReference<>() { };

    private KvConfigFile() {
    }

    /**
     * The saved table, or an empty one if there is no file.
     *
     * @throws IOException if the file cannot be read, is too large or does not parse
     */
    public static Map<String, Map<String, String>> read(Disk disk) throws IOException {
        if (!disk.exists(FILE_NAME)) {
            return Map.of();
        }
        byte[] bytes;
        try (DiskFile file = disk.open(FILE_NAME, false)) {
            long size = file.sizeBytes();
            if (size > MAX_FILE_BYTES) {
                throw new IOException(FILE_NAME + " is " + size + " bytes, over the " + MAX_FILE_BYTES + " limit");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && file.read(buffer.position(), buffer) > 0) {
                // read until full or end of file
            }
            bytes = buffer.array();
        }
        try {
            Map<String, Map<String, Map<String, String>>> wrapper = RemotingJson.decode(bytes, SHAPE);
            Map<String, Map<String, String>> table = wrapper.get("configTable");
            return table == null ? Map.of() : table;
        } catch (ProtocolException e) {
            throw new IOException(FILE_NAME + " does not parse: " + e.getMessage(), e);
        }
    }

    /** Replaces the file with {@code table}, atomically and durably. */
    public static void write(Disk disk, Map<String, Map<String, String>> table) throws IOException {
        Map<String, Object> wrapper = new LinkedHashMap<>();
        wrapper.put("configTable", new TreeMap<>(table));
        byte[] bytes = RemotingJson.encode(wrapper);
        String temp = FILE_NAME + ".tmp";
        try (DiskFile file = disk.open(temp, true)) {
            file.truncate(0);
            file.write(0, ByteBuffer.wrap(bytes));
            file.force();
        }
        disk.rename(temp, FILE_NAME);
        disk.syncDirectory("");
    }
}
