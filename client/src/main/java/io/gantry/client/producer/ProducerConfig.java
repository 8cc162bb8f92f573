package io.gantry.client.producer;

import io.gantry.client.Names;

/**
 * Producer settings; defaults as RocketMQ 4.9's producer.
 *
 * @param group                       producer group
 * @param sendTimeoutMs               budget of one send, retries included
 * @param retryTimesWhenSendFailed    extra attempts after a definite, retryable failure
 * @param compressOverBytes           bodies at least this long are zlib-compressed (single sends)
 * @param maxMessageBytes             largest body accepted
 * @param faultAvoidance              whether slow or failing brokers are avoided for a while
 */
public record ProducerConfig(String group, long sendTimeoutMs, int retryTimesWhenSendFailed, int compressOverBytes,
        int maxMessageBytes, boolean faultAvoidance) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    public ProducerConfig {
        Names.checkGroup(group);
        if (sendTimeoutMs <= 0 || retryTimesWhenSendFailed < 0 || retryTimesWhenSendFailed > 16
                || compressOverBytes < 0 || maxMessageBytes <= 0) {
            throw new IllegalArgumentException("bad producer config: " + group);
        }
    }

    public static ProducerConfig of(String group) {
        return new ProducerConfig(group, 3_000, 2, 4 * 1024, DEFAULT_MAX_MESSAGE_BYTES, true);
    }

    public ProducerConfig withSendTimeoutMs(long value) {
        return new ProducerConfig(group, value, retryTimesWhenSendFailed, compressOverBytes, maxMessageBytes, faultAvoidance);
    }

    public ProducerConfig withRetryTimesWhenSendFailed(int value) {
        return new ProducerConfig(group, sendTimeoutMs, value, compressOverBytes, maxMessageBytes, faultAvoidance);
    }

    public ProducerConfig withFaultAvoidance(boolean value) {
        return new ProducerConfig(group, sendTimeoutMs, retryTimesWhenSendFailed, compressOverBytes, maxMessageBytes, value);
    }
}
