package io.gantry.client.consumer;

/**
 * What a listener says about the messages it was given. RECONSUME_LATER: for a concurrent
 * listener the messages go back to the broker's retry topic (redelivered after a delay, to the
 * DLQ after {@code maxReconsumeTimes}); for an orderly listener the queue pauses for a moment
 * and the same messages are offered again.
 */
public enum ConsumeStatus {
    CONSUME_SUCCESS, RECONSUME_LATER
}
