package io.gantry.simulation.toy;

import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.NodeContext;
import java.nio.ByteBuffer;

/**
 * The echo client node: sends numbered frames of random length to the server on a timer,
 * checks that echoes come back in send order on each connection, and reconnects with a
 * randomised backoff whenever the connection fails.
 *
 * <p>The FIFO check is the toy's invariant: a reply that overtakes an earlier one on the same
 * connection counts as a violation.
 *
 * <p>The network does not promise timely detection of a dead peer (a server that lost power is
 * only noticed when a keepalive-like reset arrives, seconds later), so the client keeps its own
 * timeout: a connection with frames unanswered for {@link #ECHO_TIMEOUT_MS} is closed and
 * replaced. Without it the toy stalled after a late power loss (seeds 51, 99, 104).
 */
public final class EchoClient {

    static final int MAX_PAYLOAD_BYTES = 512;
    static final long SEND_INTERVAL_MS = 20;
    static final long MAX_RECONNECT_BACKOFF_MS = 500;
    static final long ECHO_TIMEOUT_MS = 2_000;
    static final long ECHO_TIMEOUT_CHECK_MS = 250;

    private final NodeContext node;
    private final String serverAddress;
    private Connection connection;
    private boolean connecting;
    private long nextSequence;
    private long nextExpectedEcho;
    private long sent;
    private long echoed;
    private long reconnects;
    private long orderViolations;
    private long echoTimeouts;
    /** Monotonic ms of the last echo, or of the connect; unanswered frames older than the timeout mean a dead peer. */
    private long lastProgressMs;
    private Cancellable sendTimer;
    private Cancellable timeoutTimer;

    public EchoClient(NodeContext node, String serverAddress) {
        this.node = node;
        this.serverAddress = serverAddress;
    }

    /** Connects and starts sending. Call on the node's loop. */
    public void start() {
        connect();
        sendTimer = node.scheduler().schedulePeriodic(SEND_INTERVAL_MS, SEND_INTERVAL_MS, this::sendOne);
        timeoutTimer = node.scheduler().schedulePeriodic(
                ECHO_TIMEOUT_CHECK_MS, ECHO_TIMEOUT_CHECK_MS, this::closeIfPeerSilent);
    }

    /** Stops sending and closes the connection. Call on the node's loop. */
    public void stop() {
        if (sendTimer != null) {
            sendTimer.cancel();
        }
        if (timeoutTimer != null) {
            timeoutTimer.cancel();
        }
        if (connection != null) {
            connection.close();
        }
    }

    public long sent() {
        return sent;
    }

    public long echoed() {
        return echoed;
    }

    public long reconnects() {
        return reconnects;
    }

    public long orderViolations() {
        return orderViolations;
    }

    /** Connections given up because echoes stopped coming. */
    public long echoTimeouts() {
        return echoTimeouts;
    }

    private void connect() {
        if (connecting) {
            return;
        }
        connecting = true;
        node.network().connect(serverAddress, new Handler()).whenComplete((conn, error) -> {
            connecting = false;
            if (error != null) {
                scheduleReconnect();
            } else {
                connection = conn;
                lastProgressMs = node.clock().monotonicMs();
                // Sequence numbers restart per connection: FIFO is promised only within one.
                nextExpectedEcho = nextSequence;
            }
        });
    }

    private void scheduleReconnect() {
        reconnects++;
        long backoffMs = 1 + node.random().nextLong(MAX_RECONNECT_BACKOFF_MS);
        node.scheduler().schedule(backoffMs, this::connect);
    }

    private void closeIfPeerSilent() {
        boolean awaitingEchoes = nextExpectedEcho < nextSequence;
        if (connection != null && awaitingEchoes
                && node.clock().monotonicMs() - lastProgressMs > ECHO_TIMEOUT_MS) {
            echoTimeouts++;
            // onClose sees conn == connection and schedules the reconnect.
            connection.close();
        }
    }

    private void sendOne() {
        if (connection == null || !connection.isOpen()) {
            return;
        }
        int payloadBytes = node.random().nextInt(MAX_PAYLOAD_BYTES + 1);
        ByteBuffer frame = ByteBuffer.allocate(Long.BYTES + payloadBytes);
        frame.putLong(nextSequence++);
        for (int i = 0; i < payloadBytes; i++) {
            frame.put((byte) i);
        }
        frame.flip();
        connection.send(frame);
        sent++;
    }

    private final class Handler implements ConnectionHandler {
        @Override
        public void onFrame(Connection conn, ByteBuffer frame) {
            long sequence = frame.getLong(0);
            if (sequence != nextExpectedEcho) {
                orderViolations++;
            }
            nextExpectedEcho = sequence + 1;
            lastProgressMs = node.clock().monotonicMs();
            echoed++;
        }

        @Override
        public void onClose(Connection conn, Throwable cause) {
            if (conn == connection) {
                connection = null;
                scheduleReconnect();
            }
        }
    }
}
