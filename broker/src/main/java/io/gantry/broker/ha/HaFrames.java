package io.gantry.broker.ha;

import io.gantry.store.ReplicaProbe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Gantry's HA frames (docs/ha.md), each one {@link io.gantry.runtime.Network} frame starting with a
 * type byte, big-endian:
 *
 * <pre>
 * slave → master  HELLO     1 | int64 maxOffset | int32 n | n × (int64 offset, int32 size, int32 crc32)
 * slave → master  ACK       2 | int64 maxOffset
 * master → slave  DATA      3 | int64 startOffset | whole records (empty: heartbeat)
 * master → slave  TRUNCATE  4 | int64 offset
 * </pre>
 *
 * Decoding never trusts a count or length: a malformed frame is an {@link IllegalArgumentException},
 * and the connection that carried it is closed.
 */
public final class HaFrames {
    public static final byte HELLO = 1;
    public static final byte ACK = 2;
    public static final byte DATA = 3;
    public static final byte TRUNCATE = 4;
    /** Most probes a HELLO may carry. */
    public static final int MAX_PROBES = 1024;
    private static final int PROBE_BYTES = 16;

    private HaFrames() {
    }

    /** A decoded HELLO. */
    public record Hello(long maxOffset, List<ReplicaProbe> probes) {
    }

    public static ByteBuffer hello(long maxOffset, List<ReplicaProbe> probes) {
        if (probes.size() > MAX_PROBES) {
            throw new IllegalArgumentException(probes.size() + " probes exceed " + MAX_PROBES);
        }
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + probes.size() * PROBE_BYTES);
        b.put(HELLO).putLong(maxOffset).putInt(probes.size());
        for (ReplicaProbe p : probes) {
            b.putLong(p.offset()).putInt(p.sizeBytes()).putInt(p.crc32());
        }
        return b.flip();
    }

    public static ByteBuffer ack(long maxOffset) {
        return ByteBuffer.allocate(9).put(ACK).putLong(maxOffset).flip();
    }

    public static ByteBuffer data(long startOffset, ByteBuffer records) {
        ByteBuffer b = ByteBuffer.allocate(9 + records.remaining());
        b.put(DATA).putLong(startOffset).put(records.duplicate());
        return b.flip();
    }

    public static ByteBuffer truncate(long offset) {
        return ByteBuffer.allocate(9).put(TRUNCATE).putLong(offset).flip();
    }

    /** The type byte of {@code frame}. */
    public static byte type(ByteBuffer frame) {
        if (frame.remaining() < 9) {
            throw new IllegalArgumentException("HA frame of " + frame.remaining() + " bytes is too short");
        }
        return frame.get(frame.position());
    }

    /** The int64 after the type byte (ACK, TRUNCATE, DATA's start offset, HELLO's max offset). */
    public static long offset(ByteBuffer frame) {
        long v = frame.getLong(frame.position() + 1);
        if (v < 0) {
            throw new IllegalArgumentException("negative offset " + v + " in an HA frame");
        }
        return v;
    }

    /** DATA's records. */
    public static ByteBuffer payload(ByteBuffer frame) {
        return frame.slice(frame.position() + 9, frame.remaining() - 9);
    }

    public static Hello decodeHello(ByteBuffer frame) {
        if (frame.remaining() < 13) {
            throw new IllegalArgumentException("HELLO of " + frame.remaining() + " bytes is too short");
        }
        int at = frame.position();
        long max = offset(frame);
        int n = frame.getInt(at + 9);
        if (n < 0 || n > MAX_PROBES || frame.remaining() != 13 + n * PROBE_BYTES) {
            throw new IllegalArgumentException("HELLO with " + n + " probes in " + frame.remaining() + " bytes");
        }
        List<ReplicaProbe> probes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = at + 13 + i * PROBE_BYTES;
            probes.add(new ReplicaProbe(frame.getLong(p), frame.getInt(p + 8), frame.getInt(p + 12)));
        }
        return new Hello(max, probes);
    }
}
