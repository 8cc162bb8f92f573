package io.gantry.broker.ha;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.Listener;
import io.gantry.runtime.NodeContext;
import io.gantry.store.MessageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's HA listener: accepts slaves ({@link HaConnection} each, at most {@link #MAX_SLAVES}),
 * streams new commit-log data to them when told of appends ({@link #wakeUp()}) and on a timer, and
 * answers SYNC_MASTER writes through {@link #awaitReplication}. Closes a connection silent for
 * haHousekeepingInterval. On the broker's loop.
 */
public final class HaServer {
    private static final Logger LOG = LoggerFactory.getLogger(HaServer.class);
    /** Most slave connections at once. */
    public static final int MAX_SLAVES = 16;

    private final NodeContext context;
    private final MessageStore store;
    private final long heartbeatMs;
    private final long housekeepingMs;
    private final long maxGapBytes;
    private final ReplicationWaiters waiters;
    private final Map<Long, HaConnection> connections = new LinkedHashMap<>();
    private Listener listener;
    private Cancellable timer;

    public HaServer(NodeContext context, MessageStore store, long heartbeatMs, long housekeepingMs, long maxGapBytes,
                    long syncTimeoutMs) {
        this.context = context;
        this.store = store;
        this.heartbeatMs = heartbeatMs;
        this.housekeepingMs = housekeepingMs;
        this.maxGapBytes = maxGapBytes;
        this.waiters = new ReplicationWaiters(context.scheduler(), syncTimeoutMs);
    }

    /** Listens at {@code address}; returns the bound address. */
    public String start(String address) throws IOException {
        listener = context.network().listen(address, new ConnectionHandler() {
            @Override
            public void onOpen(Connection connection) {
                if (connections.size() >= MAX_SLAVES) {
                    LOG.warn("refusing HA connection from {}: {} slaves already", connection.remoteAddress(), MAX_SLAVES);
                    connection.close();
                    return;
                }
                connections.put(connection.id(), new HaConnection(connection, store, context.clock(),
                        HaServer.this::onAck));
            }

            @Override
            public void onFrame(Connection connection, ByteBuffer frame) {
                HaConnection c = connections.get(connection.id());
                if (c == null) {
                    return;
                }
                try {
                    c.onFrame(frame);
                } catch (IllegalArgumentException e) {
                    LOG.warn("bad HA frame from {}: {}; closing", connection.remoteAddress(), e.getMessage());
                    c.close();
                }
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
                if (connections.remove(connection.id()) != null) {
                    LOG.info("slave {} disconnected{}", connection.remoteAddress(), cause == null ? "" : ": " + cause);
                }
            }
        });
        long period = Math.max(10, Math.min(heartbeatMs, 1_000));
        timer = context.scheduler().schedulePeriodic(period, period, this::tick);
        LOG.info("HA server listening at {}", listener.address());
        return listener.address();
    }

    private void tick() {
        long now = context.clock().monotonicMs();
        for (HaConnection c : new ArrayList<>(connections.values())) {
            if (now - c.lastReadMs() > housekeepingMs) {
                LOG.warn("slave {} silent for over {} ms; closing", c.connection().remoteAddress(), housekeepingMs);
                c.close();
            } else {
                c.heartbeat(heartbeatMs);
            }
        }
    }

    /** New data was appended: stream it. */
    public void wakeUp() {
        for (HaConnection c : connections.values()) {
            c.push();
        }
    }

    private void onAck() {
        waiters.acked(ackedOffset());
    }

    /** The highest offset a connected, in-sync slave acknowledged; -1 if none. */
    public long ackedOffset() {
        long best = -1;
        for (HaConnection c : connections.values()) {
            if (c.ready()) {
                best = Math.max(best, c.ackedOffset());
            }
        }
        return best;
    }

    /** True if a slave is connected, in sync, and lags by at most haMaxGapNotInSync. */
    public boolean slaveAvailable() {
        long acked = ackedOffset();
        return acked >= 0 && store.getMaxPhyOffset() - acked <= maxGapBytes;
    }

    /** Connected slaves that passed the handshake. */
    public int inSyncSlaves() {
        int n = 0;
        for (HaConnection c : connections.values()) {
            n += c.ready() ? 1 : 0;
        }
        return n;
    }

    /**
     * SYNC_MASTER: completes REPLICATED once a slave acknowledged {@code endOffset}, FLUSH_SLAVE_TIMEOUT
     * after the timeout, or SLAVE_NOT_AVAILABLE at once when no usable slave is connected.
     */
    public CompletableFuture<ReplicationStatus> awaitReplication(long endOffset) {
        if (!slaveAvailable()) {
            return CompletableFuture.completedFuture(ReplicationStatus.SLAVE_NOT_AVAILABLE);
        }
        CompletableFuture<ReplicationStatus> f = waiters.await(endOffset, ackedOffset());
        wakeUp();
        return f;
    }

    public void close() {
        if (timer != null) {
            timer.cancel();
        }
        if (listener != null) {
            listener.close();
        }
        for (HaConnection c : new ArrayList<>(connections.values())) {
            c.close();
        }
        waiters.failAll(ReplicationStatus.FLUSH_SLAVE_TIMEOUT);
    }

    /** Addresses of connected slaves, for diagnostics. */
    public List<String> slaveAddresses() {
        List<String> out = new ArrayList<>();
        for (HaConnection c : connections.values()) {
            out.add(c.connection().remoteAddress());
        }
        return out;
    }
}
