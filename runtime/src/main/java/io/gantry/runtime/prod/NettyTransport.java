package io.gantry.runtime.prod;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty I/O threads ({@code gantry-netty-<n>}), shared by every {@link NettyNetwork} in the
 * process. Node code never runs on these threads: each network hands its events over to its
 * node's loop.
 *
 * <p>Closing it shuts the threads down, which breaks every network still using it; close the
 * networks first. Does not guarantee that in-flight writes are flushed by close.
 */
public final class NettyTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);
    private static final long CLOSE_WAIT_MS = 5_000;

    private final EventLoopGroup group;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A transport with up to 4 I/O threads, fewer on small machines. */
    public NettyTransport() {
        this(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    public NettyTransport(int ioThreads) {
        if (ioThreads < 1 || ioThreads > 256) {
            throw new IllegalArgumentException("ioThreads must be in [1, 256]: " + ioThreads);
        }
        // Daemon threads: the node loops, not the I/O threads, decide when the process may exit.
        this.group = new MultiThreadIoEventLoopGroup(
                ioThreads, new DefaultThreadFactory("gantry-netty", true), NioIoHandler.newFactory());
    }

    EventLoopGroup group() {
        return group;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Shuts the I/O threads down and waits a bounded time for them. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean terminated = group.shutdownGracefully(0, 1, TimeUnit.SECONDS)
                .awaitUninterruptibly(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        if (!terminated) {
            LOG.warn("netty I/O threads still running {} ms after close", CLOSE_WAIT_MS);
        }
    }
}
