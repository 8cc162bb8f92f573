package io.gantry.protocol.message;

import io.gantry.protocol.remoting.ProtocolException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Message ids, upper-case hex.
 * <ul>
 *   <li>offsetMsgId (broker id): store host IP (4 or 16 bytes) + int32 port + int64 commit-log
 *       offset; 32 or 56 characters. Clients use it to find the broker and the record.</li>
 *   <li>UNIQ_KEY (client id): client IP + int16 pid + int32 class-loader hash + int32 ms since the
 *       start of the month + int16 counter; see {@link UniqueIdGenerator}.</li>
 * </ul>
 */
public final class MessageIds {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private MessageIds() {
    }

    /** A decoded offsetMsgId. */
    public record OffsetMsgId(HostAddress storeHost, long commitLogOffset) {
    }

    public static String offsetMsgId(HostAddress storeHost, long commitLogOffset) {
        ByteBuffer bytes = ByteBuffer.allocate(storeHost.encodedLength() + 8);
        storeHost.writeIpTo(bytes);
        bytes.putInt(storeHost.port());
        bytes.putLong(commitLogOffset);
        return HEX.formatHex(bytes.array());
    }

    /**
     * Decodes an offsetMsgId (case-insensitive).
     *
     * @throws ProtocolException if it is not 32 or 56 hex characters
     */
    public static OffsetMsgId decodeOffsetMsgId(String id) {
        if (id == null || (id.length() != 32 && id.length() != 56)) {
            throw new ProtocolException("offsetMsgId must be 32 or 56 hex characters: " + id);
        }
        byte[] bytes;
        try {
            bytes = HEX.parseHex(id);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("offsetMsgId is not hex: " + id, e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] ip = new byte[id.length() == 32 ? 4 : 16];
        in.get(ip);
        HostAddress host = HostAddress.of(ip, in.getInt());
        return new OffsetMsgId(host, in.getLong());
    }

    /** A UNIQ_KEY from its parts; {@code clientIp} is 4 or 16 bytes. */
    public static String uniqKey(byte[] clientIp, short pid, int classLoaderHash, int millisSinceMonthStart, short counter) {
        if (clientIp.length != 4 && clientIp.length != 16) {
            throw new IllegalArgumentException("client IP must be 4 or 16 bytes, was " + clientIp.length);
        }
        ByteBuffer bytes = ByteBuffer.allocate(clientIp.length + 2 + 4 + 4 + 2);
        bytes.put(clientIp).putShort(pid).putInt(classLoaderHash).putInt(millisSinceMonthStart).putShort(counter);
        return HEX.formatHex(bytes.array());
    }
}
