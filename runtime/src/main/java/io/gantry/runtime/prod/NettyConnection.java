package io.gantry.runtime.prod;

import io.gantry.runtime.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A {@link Connection} over a Netty channel. Sending prefixes the frame with its 4-byte
 * big-endian length and hands both to Netty without copying the frame.
 *
 * <p>Safe to use from any thread (Netty queues writes onto the channel's I/O thread). Does not
 * guarantee that a frame queued just before a close is sent.
 */
final class NettyConnection implements Connection {

    private final long id;
    private final Channel channel;
    private final int maxFrameBytes;
    private final String localAddress;
    private final String remoteAddress;

    NettyConnection(long id, Channel channel, int maxFrameBytes, String localAddress, String remoteAddress) {
        this.id = id;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.maxFrameBytes = maxFrameBytes;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String localAddress() {
        return localAddress;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void send(ByteBuffer frame) {
        int length = frame.remaining();
        if (length > maxFrameBytes) {
            throw new IllegalArgumentException("frame of " + length + " bytes exceeds the limit of " + maxFrameBytes);
        }
        if (!channel.isActive()) {
            return;
        }
        ByteBuf message = Unpooled.wrappedBuffer(Unpooled.copyInt(length), Unpooled.wrappedBuffer(frame.duplicate()));
        channel.writeAndFlush(message).addListener(written -> {
            // A failed write on a live channel loses a frame: the contract then requires a close.
            // If the channel is already closing, its close carries the cause (or none, if orderly).
            if (!written.isSuccess() && channel.isActive()) {
                channel.pipeline().fireExceptionCaught(written.cause());
            }
        });
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public boolean isWritable() {
        return channel.isActive() && channel.isWritable();
    }

    @Override
    public String toString() {
        return "connection#" + id + "[" + localAddress + " -> " + remoteAddress + "]";
    }
}
