package io.gantry.client.producer;

import io.gantry.client.Names;
import io.gantry.client.ValidationException;
import java.util.List;

/** Checks a message before anything is sent: topic name, body present and within the size limit, delay level. */
public final class MessageValidator {

    /** Highest delay level. */
    public static final int MAX_DELAY_LEVEL = 18;

    private MessageValidator() {
    }

    public static void check(Message message, int maxMessageBytes) {
        if (message == null) {
            throw new ValidationException("message is null");
        }
        Names.checkTopic(message.topic());
        if (message.body() == null || message.body().length == 0) {
            throw new ValidationException("message body is empty");
        }
        if (message.body().length > maxMessageBytes) {
            throw new ValidationException("message body of " + message.body().length + " bytes is over the limit of "
                    + maxMessageBytes);
        }
        if (message.delayLevel() > MAX_DELAY_LEVEL) {
            throw new ValidationException("delay level over " + MAX_DELAY_LEVEL + ": " + message.delayLevel());
        }
    }

    /** A batch: every message valid, one topic, no delay, not a retry topic, total within the limit. */
    public static void checkBatch(List<Message> messages, int maxMessageBytes) {
        if (messages == null || messages.isEmpty()) {
            throw new ValidationException("batch is empty");
        }
        String topic = messages.get(0).topic();
        long total = 0;
        for (Message message : messages) {
            check(message, maxMessageBytes);
            if (!message.topic().equals(topic)) {
                throw new ValidationException("batch mixes topics " + topic + " and " + message.topic());
            }
            if (message.delayLevel() > 0) {
                throw new ValidationException("batch messages cannot have a delay level");
            }
            total += message.body().length;
        }
        if (Names.isRetryTopic(topic)) {
            throw new ValidationException("batch to a retry topic: " + topic);
        }
        if (total > maxMessageBytes) {
            throw new ValidationException("batch bodies total " + total + " bytes, over the limit of " + maxMessageBytes);
        }
    }
}
