package io.gantry.protocol.body;

import java.util.Set;

/**
 * HEART_BEAT request body: the client's id and the producer and consumer groups it has.
 * {@code heartbeatFingerprint} and {@code withoutSub} are 5.x extras, null when absent.
 */
public record HeartbeatData(String clientID, Set<ProducerData> producerDataSet, Set<ConsumerData> consumerDataSet,
                            Integer heartbeatFingerprint, Boolean withoutSub) {

    public HeartbeatData {
        producerDataSet = Copies.set(producerDataSet);
        consumerDataSet = Copies.set(consumerDataSet);
    }

    public HeartbeatData(String clientID, Set<ProducerData> producerDataSet, Set<ConsumerData> consumerDataSet) {
        this(clientID, producerDataSet, consumerDataSet, null, null);
    }
}
