package io.gantry.runtime.prod;

import io.gantry.runtime.NodeContext;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wires one node for production: {@link SystemClock}, its own {@link EventLoopScheduler},
 * a {@link FileDisk} on its data directory, a {@link NettyNetwork} on a (usually shared)
 * {@link NettyTransport}, and a {@link SplittableRandom} seeded from {@link SecureRandom}.
 *
 * <p>Closing it closes the node's network and then its scheduler; the transport only if this
 * runtime created it. Does not guarantee that the node's own shutdown logic ran: stop the node
 * first, then close its runtime.
 */
public final class ProductionRuntime implements AutoCloseable {

    private final NodeContext context;
    private final EventLoopScheduler scheduler;
    private final NettyNetwork network;
    private final NettyTransport ownedTransport;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProductionRuntime(NodeContext context, EventLoopScheduler scheduler, NettyNetwork network,
            NettyTransport ownedTransport) {
        this.context = context;
        this.scheduler = scheduler;
        this.network = network;
        this.ownedTransport = ownedTransport;
    }

    /** A node on a shared transport, with the default max frame size. */
    public static ProductionRuntime create(String nodeId, Path dataDir, NettyTransport sharedTransport) throws IOException {
        return create(nodeId, dataDir, sharedTransport, NettyNetwork.DEFAULT_MAX_FRAME_BYTES, false);
    }

    /** A node with its own transport, closed with it. */
    public static ProductionRuntime create(String nodeId, Path dataDir) throws IOException {
        return create(nodeId, dataDir, new NettyTransport(), NettyNetwork.DEFAULT_MAX_FRAME_BYTES, true);
    }

    /**
     * The general form.
     *
     * @param ownsTransport whether {@link #close()} also closes {@code transport}
     */
    public static ProductionRuntime create(String nodeId, Path dataDir, NettyTransport transport, int maxFrameBytes,
            boolean ownsTransport) throws IOException {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(transport, "transport");
        FileDisk disk;
        try {
            disk = new FileDisk(dataDir);
        } catch (IOException | RuntimeException e) {
            if (ownsTransport) {
                transport.close();
            }
            throw e;
        }
        EventLoopScheduler scheduler = new EventLoopScheduler(nodeId);
        NettyNetwork network;
        try {
            network = new NettyNetwork(scheduler, transport, maxFrameBytes);
        } catch (RuntimeException e) {
            scheduler.close();
            if (ownsTransport) {
                transport.close();
            }
            throw e;
        }
        SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
        NodeContext context = new NodeContext(nodeId, SystemClock.INSTANCE, scheduler, disk, network, random);
        return new ProductionRuntime(context, scheduler, network, ownsTransport ? transport : null);
    }

    /** What the node's constructor takes. */
    public NodeContext context() {
        return context;
    }

    public EventLoopScheduler scheduler() {
        return scheduler;
    }

    public NettyNetwork network() {
        return network;
    }

    /** Closes the network, then the scheduler, then the transport if owned. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            network.close();
        } finally {
            try {
                scheduler.close();
            } finally {
                if (ownedTransport != null) {
                    ownedTransport.close();
                }
            }
        }
    }
}
