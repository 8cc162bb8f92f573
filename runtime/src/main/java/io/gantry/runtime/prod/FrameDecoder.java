package io.gantry.runtime.prod;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the inbound byte stream into frames: a 4-byte big-endian length, then that many bytes.
 * Emits each frame as a heap {@link ByteBuffer} copied out of Netty's buffers, so nothing
 * reference-counted leaves the pipeline.
 *
 * <p>A negative length or one above the limit is a protocol error: it is logged at WARN, every
 * further byte is discarded, and a {@link FrameLengthException} goes down the pipeline (the
 * connection handler then closes the channel). The length is only ever compared, never allocated;
 * the most this decoder buffers is one frame of the limit plus its prefix.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    static final int LENGTH_FIELD_BYTES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

    private final int maxFrameBytes;
    private boolean corrupt;

    FrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 0) {
            throw new IllegalArgumentException("maxFrameBytes < 0: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (corrupt) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_FIELD_BYTES) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 0 || length > maxFrameBytes) {
            corrupt = true;
            in.skipBytes(in.readableBytes());
            String reason = "frame length " + length + " outside [0, " + maxFrameBytes + "] from "
                    + ctx.channel().remoteAddress() + ", closing the connection";
            LOG.warn(reason);
            ctx.fireExceptionCaught(new FrameLengthException(reason));
            return;
        }
        if (in.readableBytes() < LENGTH_FIELD_BYTES + length) {
            return;
        }
        in.skipBytes(LENGTH_FIELD_BYTES);
        ByteBuffer frame = ByteBuffer.allocate(length);
        in.readBytes(frame);
        frame.flip();
        out.add(frame);
    }

    /** The peer sent a length this network refuses. */
    static final class FrameLengthException extends IOException {
        private static final long serialVersionUID = 1L;

        FrameLengthException(String message) {
            super(message);
        }
    }
}
