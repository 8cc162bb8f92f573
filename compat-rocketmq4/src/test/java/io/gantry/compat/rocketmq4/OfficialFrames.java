package io.gantry.compat.rocketmq4;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.rocketmq.remoting.exception.RemotingCommandException;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/**
 * Moves whole wire frames in and out of the official 4.9.8 {@link RemotingCommand}, so tests can
 * compare bytes. A frame here is exactly what travels on the socket: the 4-byte big-endian total
 * length, then header-length-and-type, header, body. The official {@code decode(ByteBuffer)} wants
 * the frame without its length prefix (Netty's frame decoder strips it), which this class hides.
 *
 * <p>The Gantry-vs-official cross-checks use these two methods as the "official side".
 */
final class OfficialFrames {

    /** Largest frame the official decoder accepts by default (16 MiB). */
    static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private OfficialFrames() {
    }

    /** The full wire frame, length prefix included, that the official codec writes for {@code command}. */
    static byte[] encode(RemotingCommand command) {
        ByteBuffer encoded = command.encode();
        byte[] frame = new byte[encoded.remaining()];
        encoded.get(frame);
        return frame;
    }

    /** Decodes one full wire frame (length prefix included) with the official codec. */
    static RemotingCommand decode(byte[] frame) throws RemotingCommandException {
        if (frame.length < 8 || frame.length > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("not a frame: " + frame.length + " bytes");
        }
        int declaredLength = ByteBuffer.wrap(frame, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        if (declaredLength != frame.length - 4) {
            throw new IllegalArgumentException(
                    "length field says " + declaredLength + " but " + (frame.length - 4) + " bytes follow it");
        }
        // slice() so that limit() is the frame end: the official decoder sizes the body from it.
        return RemotingCommand.decode(ByteBuffer.wrap(frame, 4, frame.length - 4).slice());
    }
}
