package io.gantry.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.client.RequestFailedException;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.header.SendMessageHeaders;
import io.gantry.protocol.header.SendMessageRequestHeader;
import io.gantry.protocol.header.SendMessageResponseHeader;
import io.gantry.protocol.message.MessageBatchCodec;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendRequestsTest {

    private static final MessageQueue QUEUE = new MessageQueue("T", "broker-a", 2);

    @Test
    void singleSendCarriesTheV2HeaderPropertiesAndBody() {
        Message message = Message.builder("T", "hi".getBytes(StandardCharsets.UTF_8)).tags("A").keys("k1", "k2").flag(7).build();
        SendRequests.Prepared prepared = SendRequests.prepare(message, "UNIQ1", 4096);
        RemotingCommand request = SendRequests.single("PG", prepared, QUEUE, 1234L, false);

        assertThat(request.code()).isEqualTo(RequestCode.SEND_MESSAGE_V2);
        SendMessageRequestHeader header = SendMessageHeaders.decode(request);
        assertThat(header.producerGroup()).isEqualTo("PG");
        assertThat(header.queueId()).isEqualTo(2);
        assertThat(header.bornTimestamp()).isEqualTo(1234L);
        assertThat(header.flag()).isEqualTo(7);
        assertThat(header.bname()).isEqualTo("broker-a");
        assertThat(header.defaultTopic()).isEqualTo("TBW102");
        Map<String, String> properties = MessageProperties.decode(header.properties());
        assertThat(properties).containsEntry(MessageConst.PROPERTY_TAGS, "A")
                .containsEntry(MessageConst.PROPERTY_KEYS, "k1 k2")
                .containsEntry(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "UNIQ1")
                .containsEntry(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "true");
        assertThat(request.body()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(SendRequests.single("PG", prepared, QUEUE, 1L, true).isOneway()).isTrue();
    }

    @Test
    void anExistingUniqKeyIsKept() {
        Message message = Message.builder("T", new byte[] {1}).property(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "MINE").build();
        assertThat(SendRequests.prepare(message, "FRESH", 4096).uniqKey()).isEqualTo("MINE");
    }

    @Test
    void batchEntriesCarryTheirOwnIds() {
        List<SendRequests.Prepared> prepared = List.of(
                SendRequests.prepare(Message.builder("T", new byte[] {1}).build(), "U1", 0),
                SendRequests.prepare(Message.builder("T", new byte[] {2}).build(), "U2", 0));
        RemotingCommand request = SendRequests.batch("PG", prepared, QUEUE, 1L);

        assertThat(request.code()).isEqualTo(RequestCode.SEND_BATCH_MESSAGE);
        assertThat(SendMessageHeaders.decode(request).batch()).isTrue();
        assertThat(MessageBatchCodec.decode(request.body())).extracting(e -> e.properties()
                .get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX)).containsExactly("U1", "U2");
    }

    @Test
    void responsesMapToStatusesOrDefiniteFailures() {
        SendMessageResponseHeader header = new SendMessageResponseHeader("OFFSETID", 3, 41L, null, null);
        int[] codes = {ResponseCode.SUCCESS, ResponseCode.FLUSH_DISK_TIMEOUT, ResponseCode.FLUSH_SLAVE_TIMEOUT,
                ResponseCode.SLAVE_NOT_AVAILABLE};
        SendStatus[] statuses = {SendStatus.SEND_OK, SendStatus.FLUSH_DISK_TIMEOUT, SendStatus.FLUSH_SLAVE_TIMEOUT,
                SendStatus.SLAVE_NOT_AVAILABLE};
        for (int i = 0; i < codes.length; i++) {
            SendResult result = SendRequests.decode(RemotingCommand.response(codes[i]).header(header).build(), QUEUE, "U");
            assertThat(result).isEqualTo(new SendResult(statuses[i], "U", "OFFSETID",
                    new MessageQueue("T", "broker-a", 3), 41L));
        }
        assertThatThrownBy(() -> SendRequests.decode(RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST).remark("no")
                .build(), QUEUE, "U")).isInstanceOfSatisfying(RequestFailedException.class,
                        e -> assertThat(e.responseCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST));
        assertThat(SendRequests.isRetryable(ResponseCode.SYSTEM_ERROR)).isTrue();
        assertThat(SendRequests.isRetryable(ResponseCode.MESSAGE_ILLEGAL)).isFalse();
    }

    @Test
    void faultTrackerAvoidsSlowAndFailedBrokersForAWhile() {
        long[] now = {0};
        io.gantry.runtime.Clock clock = new io.gantry.runtime.Clock() {
            @Override
            public long nanoTime() {
                return now[0] * 1_000_000L;
            }

            @Override
            public long wallClockMs() {
                return now[0];
            }
        };
        LatencyFaultTracker tracker = new LatencyFaultTracker(clock);
        tracker.record("a", 10, false);
        tracker.record("b", 1_200, false);
        tracker.record("c", 5, true);
        assertThat(tracker.isAvailable("a")).isTrue();
        assertThat(tracker.isAvailable("b")).isFalse();
        assertThat(tracker.isAvailable("c")).isFalse();
        now[0] = LatencyFaultTracker.AVOID_AFTER_FAILURE_MS;
        assertThat(tracker.isAvailable("c")).isTrue();
        assertThat(tracker.isAvailable("b")).isFalse();
        now[0] = 60_000;
        assertThat(tracker.isAvailable("b")).isTrue();
    }
}
