package io.gantry.runtime;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A node's network: listen on an address, connect to an address, exchange byte frames.
 *
 * <p>A frame is an opaque byte sequence. On the wire (production) it is preceded by its length,
 * a 4-byte big-endian int, which is exactly RocketMQ's remoting framing: the frame handed to
 * {@link ConnectionHandler#onFrame} is everything after that length field. A frame longer than
 * {@link #maxFrameBytes()}, or a negative length, closes the connection with a logged reason;
 * such a length is never allocated.
 *
 * <p>Addresses are strings. In production, {@code host:port} (port 0 picks a free port; see
 * {@link Listener#address()}); in the simulation, labels that never reach a real socket.
 *
 * <p>Contract: frames sent on one connection arrive in order, each whole or not at all; after
 * the first lost frame nothing more arrives, and both ends see the close. All handler callbacks
 * and future completions run on the owning node's {@link Scheduler} loop.
 *
 * <p>Does not guarantee: delivery (a frame in flight is lost when the connection resets); that
 * a peer saw a frame before a close; timely detection of a dead peer (use timeouts, heartbeats);
 * any bound on latency; fairness between connections.
 */
public interface Network {

    /** Largest frame accepted or sent, in bytes: 16 MiB. */
    int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    /** Starts accepting connections at {@code address}; each accepted one reports to {@code handler}. */
    Listener listen(String address, ConnectionHandler handler) throws IOException;

    /**
     * Connects to {@code address}. The future completes on the loop with an open connection
     * (after {@link ConnectionHandler#onOpen}), or exceptionally if it cannot be established.
     */
    CompletableFuture<Connection> connect(String address, ConnectionHandler handler);

    /** Largest frame, in bytes, this network carries. */
    default int maxFrameBytes() {
        return DEFAULT_MAX_FRAME_BYTES;
    }
}
