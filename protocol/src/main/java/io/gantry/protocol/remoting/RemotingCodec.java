package io.gantry.protocol.remoting;

import java.nio.ByteBuffer;

/**
 * Encodes and decodes whole remoting frames.
 *
 * <p>The frame as the {@code Network} seam carries it is everything after the 4-byte total
 * length: {@code [int32 (serializeType << 24 | headerLength)][header][body]}, big-endian. The body
 * is whatever follows the header. {@link #encodeWithLengthPrefix} adds the total length in front,
 * as on a real socket, for golden vectors and tests.
 *
 * <p>Decoding validates every length against the bytes actually present before allocating, so a
 * hostile frame can cost at most its own size. Any malformation is a {@link ProtocolException}.
 * Encoding a command that cannot be represented (e.g. a code outside 16 bits in a binary header)
 * is a programming error: {@link IllegalArgumentException}.
 */
public final class RemotingCodec {

    /** Largest header the 24-bit length can describe. */
    public static final int MAX_HEADER_BYTES = 0x00FF_FFFF;

    private RemotingCodec() {
    }

    /**
     * Decodes one frame (position to limit; the buffer's position is not changed).
     *
     * @throws ProtocolException if the frame is malformed
     */
    public static RemotingCommand decode(ByteBuffer frame) {
        ByteBuffer in = frame.duplicate();
        if (in.remaining() < 4) {
            throw new ProtocolException("frame of " + in.remaining() + " bytes is shorter than the 4-byte header length");
        }
        int lengthAndType = in.getInt();
        int typeCode = (lengthAndType >>> 24) & 0xFF;
        int headerLength = lengthAndType & MAX_HEADER_BYTES;
        SerializeType type = SerializeType.fromCode(typeCode);
        if (type == null) {
            throw new ProtocolException("unknown header serialize type " + typeCode);
        }
        if (headerLength > in.remaining()) {
            throw new ProtocolException("header length " + headerLength + " exceeds the "
                    + in.remaining() + " bytes left in the frame");
        }
        ByteBuffer header = in.slice(in.position(), headerLength);
        in.position(in.position() + headerLength);
        RemotingCommand.Builder builder = type == SerializeType.JSON
                ? JsonHeaderCodec.decode(header)
                : BinaryHeaderCodec.decode(header);
        byte[] body = null;
        if (in.hasRemaining()) {
            body = new byte[in.remaining()];
            in.get(body);
        }
        return builder.body(body).serializeType(type).build();
    }

    /** Encodes {@code command} in its own serialize type, without the total-length prefix. */
    public static ByteBuffer encode(RemotingCommand command) {
        return encode(command, false);
    }

    /** Encodes {@code command} with the 4-byte total-length prefix, exactly as on a socket. */
    public static ByteBuffer encodeWithLengthPrefix(RemotingCommand command) {
        return encode(command, true);
    }

    private static ByteBuffer encode(RemotingCommand command, boolean withLengthPrefix) {
        byte[] header = command.serializeType() == SerializeType.JSON
                ? JsonHeaderCodec.encode(command)
                : BinaryHeaderCodec.encode(command);
        if (header.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("header of " + header.length + " bytes exceeds " + MAX_HEADER_BYTES);
        }
        long frameLength = 4L + header.length + command.bodyLength();
        long total = frameLength + (withLengthPrefix ? 4 : 0);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("frame of " + total + " bytes is too large");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        if (withLengthPrefix) {
            out.putInt((int) frameLength);
        }
        out.putInt((command.serializeType().code() << 24) | header.length);
        out.put(header);
        if (command.body() != null) {
            out.put(command.body());
        }
        return out.flip();
    }
}
