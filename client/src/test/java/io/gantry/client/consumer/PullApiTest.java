package io.gantry.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.client.Compression;
import io.gantry.client.RequestFailedException;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.header.PullMessageResponseHeader;
import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageProperties;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.message.MessageSysFlag;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PullApiTest {

    private static final MessageQueue QUEUE = new MessageQueue("T", "b", 0);

    private static MessageRecord record(long offset, String tag, byte[] body, int sysFlag) {
        return MessageRecord.builder().topic("T").queueId(0).queueOffset(offset).commitLogOffset(offset * 100)
                .bornHost(HostAddress.parse("10.0.0.1:1")).storeHost(HostAddress.parse("10.0.0.2:10911"))
                .sysFlag(sysFlag).body(body)
                .propertiesString(MessageProperties.encode(Map.of(MessageConst.PROPERTY_TAGS, tag))).build();
    }

    private static RemotingCommand response(int code, MessageRecord... records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (MessageRecord record : records) {
            body.writeBytes(MessageRecordCodec.encode(record));
        }
        return RemotingCommand.response(code).header(new PullMessageResponseHeader(0L, 9L, 0L, 9L, null, null, null, null))
                .body(body.size() == 0 ? null : body.toByteArray()).build();
    }

    @Test
    void foundMessagesAreFilteredByExactTagAndDecompressed() {
        byte[] plain = "payload ".repeat(100).getBytes(StandardCharsets.UTF_8);
        PullResult result = PullApi.decode(response(ResponseCode.SUCCESS,
                record(0, "A", "a".getBytes(StandardCharsets.UTF_8), 0),
                record(1, "B", "b".getBytes(StandardCharsets.UTF_8), 0),
                record(2, "A", Compression.compress(plain), MessageSysFlag.COMPRESSED_FLAG)),
                QUEUE, SubscriptionData.ofTags("T", "A", 0));

        assertThat(result.status()).isEqualTo(PullStatus.FOUND);
        assertThat(result.nextBeginOffset()).isEqualTo(9);
        assertThat(result.messages()).extracting(ReceivedMessage::queueOffset).containsExactly(0L, 2L);
        assertThat(result.messages().get(1).body()).isEqualTo(plain);
    }

    @Test
    void onlyFilteredMessagesIsNoMatch() {
        PullResult result = PullApi.decode(response(ResponseCode.SUCCESS, record(0, "B", new byte[] {1}, 0)), QUEUE,
                SubscriptionData.ofTags("T", "A || C", 0));
        assertThat(result.status()).isEqualTo(PullStatus.NO_MATCHED_MSG);
        assertThat(result.messages()).isEmpty();
    }

    @Test
    void pullCodesMapToStatuses() {
        SubscriptionData all = SubscriptionData.ofTags("T", "*", 0);
        assertThat(PullApi.decode(response(ResponseCode.PULL_NOT_FOUND), QUEUE, all).status()).isEqualTo(PullStatus.NO_NEW_MSG);
        assertThat(PullApi.decode(response(ResponseCode.PULL_RETRY_IMMEDIATELY), QUEUE, all).status())
                .isEqualTo(PullStatus.NO_MATCHED_MSG);
        assertThat(PullApi.decode(response(ResponseCode.PULL_OFFSET_MOVED), QUEUE, all).status())
                .isEqualTo(PullStatus.OFFSET_ILLEGAL);
        assertThatThrownBy(() -> PullApi.decode(RemotingCommand.response(ResponseCode.SUBSCRIPTION_NOT_LATEST).build(),
                QUEUE, all)).isInstanceOf(RequestFailedException.class);
    }
}
