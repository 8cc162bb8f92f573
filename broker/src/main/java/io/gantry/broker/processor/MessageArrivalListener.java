package io.gantry.broker.processor;

/** Hears that messages became readable on a queue (so held pulls can wake). Called on the loop. */
@FunctionalInterface
public interface MessageArrivalListener {

    void onArrival(String topic, int queueId);
}
