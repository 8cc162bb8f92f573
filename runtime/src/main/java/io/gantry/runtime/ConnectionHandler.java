package io.gantry.runtime;

import java.nio.ByteBuffer;

/**
 * Receives a connection's events, always on the owning node's loop, in order: {@link #onOpen}
 * once, then {@link #onFrame} per frame received, then {@link #onClose} once.
 */
public interface ConnectionHandler {

    /** The connection is established (accepted, or connected before the connect future completes). */
    default void onOpen(Connection connection) {
    }

    /**
     * A whole frame arrived. The buffer is the handler's own (position 0, limit = frame length)
     * and stays valid after the call.
     */
    void onFrame(Connection connection, ByteBuffer frame);

    /** The connection closed; {@code cause} is null for an orderly close. */
    void onClose(Connection connection, Throwable cause);
}
