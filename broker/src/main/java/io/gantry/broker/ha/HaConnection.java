package io.gantry.broker.ha;

import io.gantry.runtime.Clock;
import io.gantry.runtime.Connection;
import io.gantry.store.MessageStore;
import io.gantry.store.ReplicaProbe;
import io.gantry.store.ReplicationChunk;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's end of one slave's HA connection. Waits for the slave's HELLO and checks its probes:
 * if the slave's log is a prefix of this one, streams DATA from the slave's end; otherwise answers
 * TRUNCATE with the end of the longest matching prefix found and waits for a new HELLO. Afterwards
 * takes ACKs, never believing an offset beyond this log's end or behind an earlier ACK (either closes
 * the connection). Keeps at most {@link #WINDOW_BYTES} sent but unacknowledged. On the loop.
 */
final class HaConnection {
    private static final Logger LOG = LoggerFactory.getLogger(HaConnection.class);
    /** Most bytes sent to a slave beyond its last acknowledged offset. */
    static final long WINDOW_BYTES = 8L * 1024 * 1024;

    private final Connection connection;
    private final MessageStore store;
    private final Clock clock;
    private final Runnable onAck;
    private boolean ready;
    private long nextSendOffset = -1;
    private long ackedOffset = -1;
    private long lastReadMs;
    private long lastSentMs;

    HaConnection(Connection connection, MessageStore store, Clock clock, Runnable onAck) {
        this.connection = connection;
        this.store = store;
        this.clock = clock;
        this.onAck = onAck;
        this.lastReadMs = clock.monotonicMs();
        this.lastSentMs = lastReadMs;
    }

    boolean ready() {
        return ready && connection.isOpen();
    }

    long ackedOffset() {
        return ackedOffset;
    }

    long lastReadMs() {
        return lastReadMs;
    }

    Connection connection() {
        return connection;
    }

    void onFrame(ByteBuffer frame) {
        lastReadMs = clock.monotonicMs();
        byte type = HaFrames.type(frame);
        switch (type) {
            case HaFrames.HELLO -> onHello(HaFrames.decodeHello(frame));
            case HaFrames.ACK -> onAckFrame(HaFrames.offset(frame));
            default -> throw new IllegalArgumentException("unexpected HA frame type " + type + " from a slave");
        }
    }

    private void onHello(HaFrames.Hello hello) {
        long masterMax = store.getMaxPhyOffset();
        List<ReplicaProbe> probes = hello.probes();
        long longestMatch = -1;
        for (ReplicaProbe p : probes) {
            if (store.matchesProbe(p)) {
                longestMatch = Math.max(longestMatch, p.endOffset());
            }
        }
        boolean tailMatches = probes.isEmpty() || store.matchesProbe(probes.get(probes.size() - 1));
        boolean boundary = hello.maxOffset() <= masterMax && store.readReplicationChunk(hello.maxOffset(), 1) != null;
        if (tailMatches && boundary) {
            ready = true;
            nextSendOffset = hello.maxOffset();
            ackedOffset = hello.maxOffset();
            LOG.info("slave {} in sync at offset {} (master at {})", connection.remoteAddress(), ackedOffset, masterMax);
            onAck.run();
            push();
            return;
        }
        ready = false;
        if (probes.isEmpty()) {
            LOG.error("slave {} has an empty log at offset {} that this master (log [{}, {})) cannot continue; closing",
                    connection.remoteAddress(), hello.maxOffset(), store.getMinPhyOffset(), masterMax);
            connection.close();
            return;
        }
        long target = longestMatch >= 0 ? longestMatch : probes.get(0).offset();
        LOG.warn("slave {} diverged: its log ends at {}, this master's at {}; asking it to truncate to {}",
                connection.remoteAddress(), hello.maxOffset(), masterMax, target);
        send(HaFrames.truncate(target));
    }

    private void onAckFrame(long offset) {
        if (!ready) {
            return;
        }
        long masterMax = store.getMaxPhyOffset();
        if (offset > masterMax || offset > nextSendOffset || offset < ackedOffset) {
            // A slave claiming data this master never sent it (RocketMQ #3015/#1155 believed it).
            LOG.error("slave {} reports offset {} outside [{}, {}] (master end {}); closing", connection.remoteAddress(),
                    offset, ackedOffset, nextSendOffset, masterMax);
            ready = false;
            connection.close();
            return;
        }
        ackedOffset = offset;
        onAck.run();
        push();
    }

    /** Sends what is new, within the window. */
    void push() {
        while (ready() && connection.isWritable() && nextSendOffset - ackedOffset < WINDOW_BYTES
                && nextSendOffset < store.getMaxPhyOffset()) {
            ReplicationChunk chunk = store.readReplicationChunk(nextSendOffset, MessageStore.MAX_REPLICATION_CHUNK_BYTES);
            if (chunk == null) {
                LOG.error("no record boundary at offset {} to stream to slave {}; closing", nextSendOffset,
                        connection.remoteAddress());
                ready = false;
                connection.close();
                return;
            }
            if (chunk.isEmpty()) {
                return;
            }
            send(HaFrames.data(chunk.startOffset(), chunk.bytes()));
            nextSendOffset = chunk.nextOffset();
        }
    }

    /** Periodic: sends an empty DATA if nothing went out for {@code heartbeatMs}. */
    void heartbeat(long heartbeatMs) {
        push();
        if (ready() && clock.monotonicMs() - lastSentMs >= heartbeatMs) {
            send(HaFrames.data(nextSendOffset, ByteBuffer.allocate(0)));
        }
    }

    private void send(ByteBuffer frame) {
        lastSentMs = clock.monotonicMs();
        connection.send(frame);
    }

    void close() {
        ready = false;
        connection.close();
    }
}
