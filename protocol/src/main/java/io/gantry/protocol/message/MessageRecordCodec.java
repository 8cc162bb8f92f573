package io.gantry.protocol.message;

import io.gantry.protocol.remoting.ProtocolException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The stored message record layout, big-endian:
 * <pre>
 * int32 totalSize | int32 magic | int32 bodyCrc | int32 queueId | int32 flag | int64 queueOffset
 * int64 physicalOffset | int32 sysFlag | int64 bornTimestamp | bornHost (4|16 IP + int32 port)
 * int64 storeTimestamp | storeHost (4|16 IP + int32 port) | int32 reconsumeTimes
 * int64 preparedTransactionOffset | int32 bodyLength + body | topicLength (int8 V1 | int16 V2) + topic
 * int16 propertiesLength + properties
 * </pre>
 * Writes V1 whenever the topic fits in 127 bytes (what every client reads), V2 otherwise.
 * Reads V1 and V2. Decoding checks the magic, that the total size fits the buffer, that every
 * inner length fits the record, and that the fields add up to exactly the total size.
 */
public final class MessageRecordCodec {

    public static final int MAGIC_V1 = 0xDAA320A7;
    public static final int MAGIC_V2 = 0xDAA320AB;
    /** Magic of the commit-log end-of-file filler ({@code int32 remaining, int32 BLANK_MAGIC}). */
    public static final int BLANK_MAGIC = 0xCBD43194;
    public static final int MAX_V1_TOPIC_BYTES = 127;
    public static final int MAX_TOPIC_BYTES = Short.MAX_VALUE;
    public static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE;
    /** Size of a V1 record with IPv4 hosts, empty body, topic and properties. */
    public static final int MIN_RECORD_BYTES = 91;

    /** Position of QUEUEOFFSET within a record (the store patches it at append). */
    public static final int QUEUE_OFFSET_POSITION = 20;
    /** Position of PHYSICALOFFSET within a record. */
    public static final int PHYSICAL_OFFSET_POSITION = 28;
    /** Position of SYSFLAG within a record. */
    public static final int SYSFLAG_POSITION = 36;
    /** Position of BORNTIMESTAMP within a record. */
    public static final int BORN_TIMESTAMP_POSITION = 40;
    /** Position of BORNHOST within a record. */
    public static final int BORN_HOST_POSITION = 48;

    private MessageRecordCodec() {
    }

    /** Position of STORETIMESTAMP within a record with this sysFlag. */
    public static int storeTimestampPosition(int sysFlag) {
        return BORN_HOST_POSITION + (MessageSysFlag.isBornHostV6(sysFlag) ? 20 : 8);
    }

    /** {@code CRC32(body) & 0x7FFFFFFF}, the BODYCRC field. */
    public static int bodyCrc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body, 0, body.length);
        return (int) (crc.getValue() & 0x7FFFFFFFL);
    }

    /** Encoded size of {@code record} in bytes. */
    static int encodedSize(MessageRecord record) {
        int topicBytes = record.topic().getBytes(StandardCharsets.UTF_8).length;
        int propertiesBytes = record.propertiesString().getBytes(StandardCharsets.UTF_8).length;
        long size = 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + record.bornHost().encodedLength() + 8
                + record.storeHost().encodedLength() + 4 + 8
                + 4 + (long) record.body().length
                + (topicBytes > MAX_V1_TOPIC_BYTES ? 2 : 1) + topicBytes
                + 2 + propertiesBytes;
        if (topicBytes > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("topic of " + topicBytes + " bytes is longer than " + MAX_TOPIC_BYTES);
        }
        if (propertiesBytes > MAX_PROPERTIES_BYTES) {
            throw new IllegalArgumentException("properties of " + propertiesBytes + " bytes exceed " + MAX_PROPERTIES_BYTES);
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("record of " + size + " bytes is too large");
        }
        return (int) size;
    }

    /** The record's bytes. */
    public static byte[] encode(MessageRecord record) {
        ByteBuffer out = ByteBuffer.allocate(record.storeSize());
        encodeTo(record, out);
        return out.array();
    }

    /** Writes the record at {@code out}'s position, advancing it by {@link MessageRecord#storeSize()}. */
    public static void encodeTo(MessageRecord record, ByteBuffer out) {
        byte[] topic = record.topic().getBytes(StandardCharsets.UTF_8);
        byte[] properties = record.propertiesString().getBytes(StandardCharsets.UTF_8);
        boolean v2 = topic.length > MAX_V1_TOPIC_BYTES;
        int start = out.position();
        out.putInt(record.storeSize());
        out.putInt(v2 ? MAGIC_V2 : MAGIC_V1);
        out.putInt(record.bodyCrc());
        out.putInt(record.queueId());
        out.putInt(record.flag());
        out.putLong(record.queueOffset());
        out.putLong(record.commitLogOffset());
        out.putInt(record.sysFlag());
        out.putLong(record.bornTimestamp());
        record.bornHost().writeIpTo(out);
        out.putInt(record.bornHost().port());
        out.putLong(record.storeTimestamp());
        record.storeHost().writeIpTo(out);
        out.putInt(record.storeHost().port());
        out.putInt(record.reconsumeTimes());
        out.putLong(record.preparedTransactionOffset());
        out.putInt(record.body().length);
        out.put(record.body());
        if (v2) {
            out.putShort((short) topic.length);
        } else {
            out.put((byte) topic.length);
        }
        out.put(topic);
        out.putShort((short) properties.length);
        out.put(properties);
        assert out.position() - start == record.storeSize() : "size mismatch";
    }

    /**
     * Decodes one record at {@code in}'s position and advances past it. Does not check the body CRC.
     *
     * @throws ProtocolException if the bytes are not one whole valid record (position then unchanged)
     */
    public static MessageRecord decode(ByteBuffer in) {
        return decode(in, false);
    }

    /**
     * Decodes one record at {@code in}'s position and advances past it.
     *
     * @param checkCrc also verify BODYCRC against the body
     * @throws ProtocolException if the bytes are not one whole valid record (position then unchanged)
     */
    public static MessageRecord decode(ByteBuffer in, boolean checkCrc) {
        int start = in.position();
        if (in.remaining() < 8) {
            throw new ProtocolException("record needs at least 8 bytes, " + in.remaining() + " left");
        }
        int totalSize = in.getInt(start);
        int magic = in.getInt(start + 4);
        if (magic == BLANK_MAGIC) {
            throw new ProtocolException("end-of-file filler at " + start + ", not a record");
        }
        if (magic != MAGIC_V1 && magic != MAGIC_V2) {
            throw new ProtocolException("bad record magic 0x" + Integer.toHexString(magic) + " at " + start);
        }
        if (totalSize < MIN_RECORD_BYTES || totalSize > in.remaining()) {
            throw new ProtocolException("record total size " + totalSize + " outside [" + MIN_RECORD_BYTES
                    + ", " + in.remaining() + "] at " + start);
        }
        ByteBuffer record = in.slice(start, totalSize);
        MessageRecord decoded;
        try {
            decoded = decodeFields(record, magic == MAGIC_V2);
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("record at " + start + " ends inside a field (total size " + totalSize + ")", e);
        } catch (IllegalArgumentException e) {
            // e.g. lenient UTF-8 decoding grew the properties past what a record can hold
            throw new ProtocolException("record at " + start + " is not representable: " + e.getMessage(), e);
        }
        if (record.hasRemaining()) {
            throw new ProtocolException("record at " + start + " has " + record.remaining() + " bytes after its fields");
        }
        if (checkCrc && bodyCrc(decoded.body()) != decoded.bodyCrc()) {
            throw new ProtocolException("body CRC mismatch in record at " + start);
        }
        in.position(start + totalSize);
        return decoded;
    }

    /** Decodes records until {@code in} is exhausted (a PULL / QUERY body). */
    public static List<MessageRecord> decodeAll(ByteBuffer in) {
        List<MessageRecord> records = new ArrayList<>();
        while (in.hasRemaining()) {
            records.add(decode(in, false));
        }
        return records;
    }

    private static MessageRecord decodeFields(ByteBuffer in, boolean v2) {
        in.position(8);
        MessageRecord.Builder b = MessageRecord.builder();
        int bodyCrc = in.getInt();
        b.queueId(in.getInt()).flag(in.getInt()).queueOffset(in.getLong()).commitLogOffset(in.getLong());
        int sysFlag = in.getInt();
        b.sysFlag(sysFlag).bornTimestamp(in.getLong());
        b.bornHost(readHost(in, MessageSysFlag.isBornHostV6(sysFlag)));
        b.storeTimestamp(in.getLong());
        b.storeHost(readHost(in, MessageSysFlag.isStoreHostV6(sysFlag)));
        b.reconsumeTimes(in.getInt()).preparedTransactionOffset(in.getLong());
        b.body(readBytes(in, in.getInt(), "body"));
        int topicLength = v2 ? in.getShort() : in.get();
        b.topic(new String(readBytes(in, topicLength, "topic"), StandardCharsets.UTF_8));
        b.propertiesString(new String(readBytes(in, in.getShort(), "properties"), StandardCharsets.UTF_8));
        return b.bodyCrc(bodyCrc).build();
    }

    private static HostAddress readHost(ByteBuffer in, boolean v6) {
        byte[] ip = new byte[v6 ? 16 : 4];
        in.get(ip);
        return HostAddress.of(ip, in.getInt());
    }

    private static byte[] readBytes(ByteBuffer in, int length, String what) {
        if (length < 0 || length > in.remaining()) {
            throw new ProtocolException(what + " length " + length + " is negative or exceeds the "
                    + in.remaining() + " bytes left in the record");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
