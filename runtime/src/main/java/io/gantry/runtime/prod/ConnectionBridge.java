package io.gantry.runtime.prod;

import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.Scheduler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a channel's pipeline: turns Netty events into {@link ConnectionHandler}
 * calls on the node's loop.
 *
 * <p>Netty delivers a channel's events on one I/O thread in order, and the loop runs tasks in
 * submission order, so onOpen, every onFrame and onClose reach the handler in that order.
 * For an outgoing connection, onOpen and the completion of the connect future are one loop
 * task, so the future completes after onOpen.
 *
 * <p>One instance per channel; its fields are only touched on the channel's I/O thread.
 */
final class ConnectionBridge extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBridge.class);

    private final NettyNetwork network;
    private final Scheduler scheduler;
    private final ConnectionHandler handler;
    /** Completed once the connection is open; null for accepted connections. */
    private final CompletableFuture<Connection> connectFuture;

    private NettyConnection connection;
    private Throwable closeCause;

    ConnectionBridge(NettyNetwork network, ConnectionHandler handler, CompletableFuture<Connection> connectFuture) {
        this.network = network;
        this.scheduler = network.scheduler();
        this.handler = handler;
        this.connectFuture = connectFuture;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        NettyConnection opened = network.newConnection(ctx.channel());
        connection = opened;
        scheduler.execute(() -> {
            try {
                handler.onOpen(opened);
            } catch (RuntimeException | Error e) {
                LOG.error("{}: onOpen failed, closing", opened, e);
                opened.close();
                if (connectFuture != null) {
                    connectFuture.completeExceptionally(e);
                }
                return;
            }
            if (connectFuture != null) {
                connectFuture.complete(opened);
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuffer frame = (ByteBuffer) msg;
        NettyConnection current = connection;
        assert current != null : "frame before channelActive";
        scheduler.execute(() -> handler.onFrame(current, frame));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable unwrapped = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (closeCause == null) {
            closeCause = unwrapped;
        }
        if (unwrapped instanceof IOException) {
            LOG.debug("{}: closing after I/O error: {}", describe(ctx), unwrapped.toString());
        } else {
            LOG.warn("{}: closing after unexpected error", describe(ctx), unwrapped);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        NettyConnection closed = connection;
        if (closed != null) {
            Throwable cause = closeCause;
            scheduler.execute(() -> handler.onClose(closed, cause));
        }
        ctx.fireChannelInactive();
    }

    private String describe(ChannelHandlerContext ctx) {
        return connection != null ? connection.toString() : String.valueOf(ctx.channel());
    }
}
