package io.gantry.protocol.message;

import io.gantry.protocol.remoting.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The SEND_BATCH_MESSAGE body: entries of
 * {@code int32 totalSize, int32 magic (0), int32 bodyCrc (0), int32 flag, int32 bodyLength + body,
 * int16 propertiesLength + properties}, back to back. Magic and CRC are written as 0 and not
 * checked on read (the broker computes the CRC when it stores each message).
 */
public final class MessageBatchCodec {

    /** Size of an entry with empty body and properties. */
    public static final int MIN_ENTRY_BYTES = 4 + 4 + 4 + 4 + 4 + 2;

    private MessageBatchCodec() {
    }

    public static byte[] encode(List<BatchEntry> entries) {
        long total = 0;
        for (BatchEntry entry : entries) {
            total += entrySize(entry);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch of " + total + " bytes is too large");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        for (BatchEntry entry : entries) {
            byte[] properties = entry.propertiesString().getBytes(StandardCharsets.UTF_8);
            out.putInt(entrySize(entry));
            out.putInt(0);
            out.putInt(0);
            out.putInt(entry.flag());
            out.putInt(entry.body().length);
            out.put(entry.body());
            out.putShort((short) properties.length);
            out.put(properties);
        }
        return out.array();
    }

    private static int entrySize(BatchEntry entry) {
        int propertiesBytes = entry.propertiesString().getBytes(StandardCharsets.UTF_8).length;
        if (propertiesBytes > MessageRecordCodec.MAX_PROPERTIES_BYTES) {
            throw new IllegalArgumentException("properties of " + propertiesBytes + " bytes exceed "
                    + MessageRecordCodec.MAX_PROPERTIES_BYTES);
        }
        long size = (long) MIN_ENTRY_BYTES + entry.body().length + propertiesBytes;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch entry of " + size + " bytes is too large");
        }
        return (int) size;
    }

    /**
     * Decodes a whole batch body.
     *
     * @throws ProtocolException if an entry's lengths do not fit or do not add up to its total size
     */
    public static List<BatchEntry> decode(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        List<BatchEntry> entries = new ArrayList<>();
        while (in.hasRemaining()) {
            int start = in.position();
            if (in.remaining() < MIN_ENTRY_BYTES) {
                throw new ProtocolException("batch entry at " + start + " has only " + in.remaining() + " bytes");
            }
            int totalSize = in.getInt();
            if (totalSize < MIN_ENTRY_BYTES || totalSize > in.remaining() + 4) {
                throw new ProtocolException("batch entry at " + start + " has total size " + totalSize
                        + " outside [" + MIN_ENTRY_BYTES + ", " + (in.remaining() + 4) + "]");
            }
            ByteBuffer entry = in.slice(start + 4, totalSize - 4);
            entry.getInt(); // magic, unchecked
            entry.getInt(); // body CRC, unchecked
            int flag = entry.getInt();
            byte[] messageBody = read(entry, entry.getInt(), "body", start);
            if (entry.remaining() < 2) {
                throw new ProtocolException("batch entry at " + start + " ends before its properties length");
            }
            byte[] properties = read(entry, entry.getShort(), "properties", start);
            if (entry.hasRemaining()) {
                throw new ProtocolException("batch entry at " + start + " has " + entry.remaining() + " bytes after its fields");
            }
            entries.add(new BatchEntry(flag, messageBody, new String(properties, StandardCharsets.UTF_8)));
            in.position(start + totalSize);
        }
        return entries;
    }

    private static byte[] read(ByteBuffer in, int length, String what, int entryStart) {
        if (length < 0 || length > in.remaining()) {
            throw new ProtocolException("batch entry at " + entryStart + ": " + what + " length " + length
                    + " is negative or exceeds the " + in.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
