package io.gantry.client.consumer;

import java.util.List;

/**
 * Handles pushed messages. Runs off the client's loop (through {@code Scheduler.offload}), so
 * it may block; in the simulation it runs as its own event. Throwing counts as
 * {@link ConsumeStatus#RECONSUME_LATER}.
 */
public sealed interface MessageListener permits MessageListener.Concurrent, MessageListener.Orderly {

    /** Called for messages of any queue, possibly several at once. */
    @FunctionalInterface
    non-sealed interface Concurrent extends MessageListener {
        ConsumeStatus consume(List<ReceivedMessage> messages) throws Exception;
    }

    /** Called for one queue at a time, in queue order, never twice at once for the same queue; the queue is locked on the broker (clustering). */
    @FunctionalInterface
    non-sealed interface Orderly extends MessageListener {
        ConsumeStatus consume(List<ReceivedMessage> messages) throws Exception;
    }
}
