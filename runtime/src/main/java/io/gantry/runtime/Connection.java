package io.gantry.runtime;

import java.nio.ByteBuffer;

/**
 * One end of an established connection carrying frames (see {@link Network}).
 *
 * <p>{@link #send} may be called from any thread but is meant for the owning loop; it never
 * blocks. Does not guarantee that a sent frame is delivered: see {@link Network}.
 */
public interface Connection {

    /** An id unique within the node's lifetime, for logs and maps. */
    long id();

    String localAddress();

    String remoteAddress();

    /**
     * Queues {@code frame} (the bytes after the length prefix; position to limit) for sending.
     * The buffer must not be modified afterwards. Ignored if the connection is closed.
     *
     * @throws IllegalArgumentException if the frame is larger than the network's max frame
     */
    void send(ByteBuffer frame);

    /** Closes both directions; the handler's {@code onClose} runs once, on the loop. */
    void close();

    /** False once the connection is closed, by either end or by a reset. */
    boolean isOpen();

    /** False while more than the implementation's outbound buffer limit is queued: a hint to slow down. */
    default boolean isWritable() {
        return isOpen();
    }
}
