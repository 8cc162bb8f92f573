package io.gantry.client.consumer;

import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageRecord;
import java.util.Map;

/**
 * A consumed message: the stored record with its body decompressed, the queue it came from, and
 * its ids. {@link #topic()} is the original topic for a retried message (from RETRY_TOPIC).
 *
 * @param record the record as pulled (body possibly compressed)
 * @param body   the body, decompressed
 * @param queue  the queue pulled from (a %RETRY% queue for retries)
 */
public record ReceivedMessage(MessageRecord record, byte[] body, MessageQueue queue) {

    /** The user-facing topic: RETRY_TOPIC if set, else the record's topic. */
    public String topic() {
        String retryTopic = record.property(MessageConst.PROPERTY_RETRY_TOPIC);
        return retryTopic != null ? retryTopic : record.topic();
    }

    /** UNIQ_KEY if present, else the offsetMsgId. */
    public String msgId() {
        String uniq = record.property(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        return uniq != null ? uniq : record.offsetMsgId();
    }

    public String offsetMsgId() {
        return record.offsetMsgId();
    }

    public String tags() {
        return record.property(MessageConst.PROPERTY_TAGS);
    }

    public String keys() {
        return record.property(MessageConst.PROPERTY_KEYS);
    }

    public long queueOffset() {
        return record.queueOffset();
    }

    public int reconsumeTimes() {
        return record.reconsumeTimes();
    }

    public Map<String, String> properties() {
        return record.properties();
    }

    public String property(String name) {
        return record.property(name);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[" + queue + "@" + record.queueOffset() + ", msgId=" + msgId() + "]";
    }
}
