package io.gantry.broker.ha;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.NodeContext;
import io.gantry.store.MessageStore;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slave's end of replication. Connects to the master's HA address (configured, or learnt from
 * the nameservers), sends HELLO with its log's end and tail probes, appends each DATA chunk at exactly
 * its end ({@link MessageStore#appendReplicated}) and ACKs the new end, and ACKs at least every
 * haSendHeartbeatInterval. On TRUNCATE it cuts its log ({@link MessageStore#truncateReplica}) and says
 * HELLO again. Anything that does not fit (a gap, a bad record, silence past haHousekeepingInterval)
 * closes the connection; the timer reconnects. On the broker's loop.
 */
public final class HaClient {
    private static final Logger LOG = LoggerFactory.getLogger(HaClient.class);

    private final NodeContext context;
    private final MessageStore store;
    private final long heartbeatMs;
    private final long housekeepingMs;
    private String masterAddress;
    private Connection connection;
    private boolean connecting;
    private boolean truncating;
    private long lastReadMs;
    private long lastAckMs;
    private Cancellable timer;
    private boolean stopped;

    public HaClient(NodeContext context, MessageStore store, long heartbeatMs, long housekeepingMs) {
        this.context = Objects.requireNonNull(context, "context");
        this.store = Objects.requireNonNull(store, "store");
        this.heartbeatMs = heartbeatMs;
        this.housekeepingMs = housekeepingMs;
    }

    public void start() {
        long period = Math.max(10, Math.min(heartbeatMs, 1_000));
        timer = context.scheduler().schedulePeriodic(0, period, this::tick);
    }

    /** The master's HA address (from config or a REGISTER_BROKER answer); a change drops the current connection. */
    public void setMasterAddress(String address) {
        if (address == null || address.isBlank() || address.equals(masterAddress)) {
            return;
        }
        LOG.info("master HA address is now {} (was {})", address, masterAddress);
        masterAddress = address;
        if (connection != null) {
            connection.close();
        }
    }

    public String masterAddress() {
        return masterAddress;
    }

    /** True while connected to a master. */
    public boolean connected() {
        return connection != null && connection.isOpen();
    }

    private void tick() {
        if (stopped) {
            return;
        }
        long now = context.clock().monotonicMs();
        if (connection == null) {
            if (!connecting && masterAddress != null && !truncating) {
                connect();
            }
            return;
        }
        if (now - lastReadMs > housekeepingMs) {
            LOG.warn("master {} silent for over {} ms; reconnecting", masterAddress, housekeepingMs);
            connection.close();
            return;
        }
        if (!truncating && now - lastAckMs >= heartbeatMs) {
            ack();
        }
    }

    private void connect() {
        connecting = true;
        String target = masterAddress;
        context.network().connect(target, new ConnectionHandler() {
            @Override
            public void onOpen(Connection c) {
                lastReadMs = context.clock().monotonicMs();
            }

            @Override
            public void onFrame(Connection c, ByteBuffer frame) {
                if (c != connection) {
                    return;
                }
                try {
                    HaClient.this.onFrame(frame);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    LOG.warn("replication from {} stopped: {}; reconnecting", target, e.getMessage());
                    c.close();
                }
            }

            @Override
            public void onClose(Connection c, Throwable cause) {
                if (c == connection) {
                    connection = null;
                    LOG.info("HA connection to {} closed{}", target, cause == null ? "" : ": " + cause);
                }
            }
        }).whenComplete((c, failure) -> {
            connecting = false;
            if (failure != null) {
                LOG.debug("connecting to master {} failed: {}", target, failure.toString());
                return;
            }
            if (stopped || !c.isOpen()) {
                c.close();
                return;
            }
            connection = c;
            lastReadMs = context.clock().monotonicMs();
            hello();
        });
    }

    private void hello() {
        if (connection != null) {
            lastAckMs = context.clock().monotonicMs();
            connection.send(HaFrames.hello(store.getMaxPhyOffset(), store.replicationProbes()));
        }
    }

    private void ack() {
        if (connection != null) {
            lastAckMs = context.clock().monotonicMs();
            connection.send(HaFrames.ack(store.getMaxPhyOffset()));
        }
    }

    private void onFrame(ByteBuffer frame) {
        lastReadMs = context.clock().monotonicMs();
        byte type = HaFrames.type(frame);
        switch (type) {
            case HaFrames.DATA -> {
                if (truncating) {
                    throw new IllegalStateException("DATA during a truncation");
                }
                long start = HaFrames.offset(frame);
                ByteBuffer records = HaFrames.payload(frame);
                if (!records.hasRemaining()) {
                    return;
                }
                store.appendReplicated(start, records);
                ack();
            }
            case HaFrames.TRUNCATE -> truncate(HaFrames.offset(frame));
            default -> throw new IllegalArgumentException("unexpected HA frame type " + type + " from the master");
        }
    }

    private void truncate(long offset) {
        if (offset > store.getMaxPhyOffset() || offset < store.getMinPhyOffset()) {
            throw new IllegalArgumentException("master asks to truncate to " + offset + ", log is ["
                    + store.getMinPhyOffset() + ", " + store.getMaxPhyOffset() + ")");
        }
        truncating = true;
        Connection during = connection;
        store.truncateReplica(offset).whenComplete((v, failure) -> {
            truncating = false;
            if (failure != null) {
                LOG.error("truncation to {} failed; replication stops until restart", offset, failure);
                stopped = true;
                if (during != null) {
                    during.close();
                }
                return;
            }
            if (connection == during && during != null && during.isOpen()) {
                hello();
            }
        });
    }

    public void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
        }
        if (connection != null) {
            connection.close();
        }
    }
}
