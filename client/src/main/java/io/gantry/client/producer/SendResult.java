package io.gantry.client.producer;

import io.gantry.protocol.body.MessageQueue;

/**
 * The outcome of a stored send.
 *
 * @param status      how it was stored
 * @param msgId       the client id (UNIQ_KEY); comma-joined for a batch
 * @param offsetMsgId the broker id (store host + commit-log offset); comma-joined for a batch
 * @param queue       the queue written
 * @param queueOffset the consume-queue offset of the (first) message
 */
public record SendResult(SendStatus status, String msgId, String offsetMsgId, MessageQueue queue, long queueOffset) {
}
