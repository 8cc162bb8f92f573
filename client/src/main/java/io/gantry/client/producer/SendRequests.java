package io.gantry.client.producer;

import io.gantry.client.Compression;
import io.gantry.client.Names;
import io.gantry.client.RequestFailedException;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.header.SendMessageResponseHeader;
import io.gantry.protocol.message.BatchEntry;
import io.gantry.protocol.message.MessageBatchCodec;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.message.MessageSysFlag;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE requests and decodes their responses. Pure.
 */
public final class SendRequests {

    /** Queues a broker creates for an auto-created topic, as the producer asks. */
    public static final int DEFAULT_TOPIC_QUEUE_NUMS = 4;

    private SendRequests() {
    }

    /** A prepared message: its final properties (UNIQ_KEY and WAIT set) and its body, compressed if large. */
    public record Prepared(Message message, String uniqKey, String properties, byte[] body, int sysFlag) {
    }

    /** Adds UNIQ_KEY (if missing) and WAIT, and compresses the body when it is at least {@code compressOverBytes}. */
    public static Prepared prepare(Message message, String freshUniqKey, int compressOverBytes) {
        Map<String, String> properties = new LinkedHashMap<>(message.properties());
        String uniqKey = properties.computeIfAbsent(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, k -> freshUniqKey);
        properties.putIfAbsent(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "true");
        byte[] body = message.body();
        int sysFlag = 0;
        if (compressOverBytes > 0 && body.length >= compressOverBytes) {
            byte[] compressed = Compression.compress(body);
            if (compressed.length < body.length) {
                body = compressed;
                sysFlag |= MessageSysFlag.COMPRESSED_FLAG;
            }
        }
        return new Prepared(message, uniqKey, MessageProperties.encode(properties), body, sysFlag);
    }

    /** The SEND_MESSAGE_V2 request for {@code prepared} to {@code queue}. */
    public static RemotingCommand single(String group, Prepared prepared, MessageQueue queue, long bornTimestampMs,
            boolean oneway) {
        Message message = prepared.message();
        Integer reconsumeTimes = null;
        Integer maxReconsumeTimes = null;
        if (Names.isRetryTopic(message.topic())) {
            String times = message.properties().get(MessageConst.PROPERTY_RECONSUME_TIME);
            String max = message.properties().get(MessageConst.PROPERTY_MAX_RECONSUME_TIMES);
            reconsumeTimes = times == null ? 0 : Integer.parseInt(times);
            maxReconsumeTimes = max == null ? null : Integer.parseInt(max);
        }
        SendMessageRequestHeader header = new SendMessageRequestHeader(group, message.topic(),
                Names.AUTO_CREATE_TOPIC_KEY, DEFAULT_TOPIC_QUEUE_NUMS, queue.queueId(), prepared.sysFlag(),
                bornTimestampMs, message.flag(), prepared.properties(), reconsumeTimes == null ? 0 : reconsumeTimes,
                false, maxReconsumeTimes, false, queue.brokerName());
        RemotingCommand.Builder builder = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .header(header.toV2()).body(prepared.body());
        return oneway ? builder.oneway().build() : builder.build();
    }

    /** The SEND_BATCH_MESSAGE request: each entry carries its own properties (UNIQ_KEY included), the header only WAIT. */
    public static RemotingCommand batch(String group, List<Prepared> prepared, MessageQueue queue, long bornTimestampMs) {
        List<BatchEntry> entries = new ArrayList<>(prepared.size());
        for (Prepared p : prepared) {
            Map<String, String> own = new LinkedHashMap<>(MessageProperties.decode(p.properties()));
            own.remove(MessageConst.PROPERTY_WAIT_STORE_MSG_OK);
            entries.add(new BatchEntry(p.message().flag(), p.message().body(), MessageProperties.encode(own)));
        }
        String batchProperties = MessageProperties.encode(Map.of(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "true"));
        SendMessageRequestHeader header = new SendMessageRequestHeader(group, queue.topic(), Names.AUTO_CREATE_TOPIC_KEY,
                DEFAULT_TOPIC_QUEUE_NUMS, queue.queueId(), 0, bornTimestampMs, 0, batchProperties, 0, false, null, true,
                queue.brokerName());
        return RemotingCommand.request(RequestCode.SEND_BATCH_MESSAGE).header(header.toV2())
                .body(MessageBatchCodec.encode(entries)).build();
    }

    /**
     * The result of a send response: codes 0, 10, 11 and 12 are stored messages; any other code
     * is a definite failure ({@link RequestFailedException}).
     */
    public static SendResult decode(RemotingCommand response, MessageQueue queue, String msgId) {
        SendStatus status = switch (response.code()) {
            case ResponseCode.SUCCESS -> SendStatus.SEND_OK;
            case ResponseCode.FLUSH_DISK_TIMEOUT -> SendStatus.FLUSH_DISK_TIMEOUT;
            case ResponseCode.FLUSH_SLAVE_TIMEOUT -> SendStatus.FLUSH_SLAVE_TIMEOUT;
            case ResponseCode.SLAVE_NOT_AVAILABLE -> SendStatus.SLAVE_NOT_AVAILABLE;
            default -> throw new RequestFailedException(response.code(), response.remark(), null);
        };
        SendMessageResponseHeader header = response.decodeHeader(SendMessageResponseHeader.class);
        MessageQueue written = new MessageQueue(queue.topic(), queue.brokerName(), header.queueId());
        return new SendResult(status, msgId, header.msgId(), written, header.queueOffset());
    }

    /** Response codes after which a send is retried on another broker (RocketMQ 4.9's set). */
    public static boolean isRetryable(int responseCode) {
        return switch (responseCode) {
            case RequestFailedException.NO_RESPONSE, ResponseCode.TOPIC_NOT_EXIST, ResponseCode.SERVICE_NOT_AVAILABLE,
                    ResponseCode.SYSTEM_ERROR, ResponseCode.NO_PERMISSION, ResponseCode.NO_BUYER_ID,
                    ResponseCode.NOT_IN_CURRENT_UNIT -> true;
            default -> false;
        };
    }
}
