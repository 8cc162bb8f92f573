package io.gantry.protocol.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.protocol.remoting.RemotingCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.remoting.SerializeType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderCodecTest {

    /** The captured SEND_MESSAGE_V2 request of the reference (separators made visible again). */
    private static Map<String, String> capturedSendV2() {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("a", "PG");
        ext.put("b", "TopicA");
        ext.put("c", "TBW102");
        ext.put("d", "4");
        ext.put("e", "2");
        ext.put("f", "0");
        ext.put("g", "1795321904510");
        ext.put("h", "0");
        ext.put("i", "KEYS\u0001key-1\u0002WAIT\u0001true\u0002TAGS\u0001TagA");
        ext.put("j", "0");
        ext.put("k", "false");
        ext.put("m", "false");
        ext.put("n", "broker-a");
        return ext;
    }

    @Test
    void decodesCapturedSendV2AndConvertsToV1() {
        SendMessageRequestHeaderV2 v2 = HeaderCodec.decode(capturedSendV2(), SendMessageRequestHeaderV2.class);
        SendMessageRequestHeader v1 = v2.toV1();
        assertThat(v1.producerGroup()).isEqualTo("PG");
        assertThat(v1.topic()).isEqualTo("TopicA");
        assertThat(v1.defaultTopic()).isEqualTo("TBW102");
        assertThat(v1.defaultTopicQueueNums()).isEqualTo(4);
        assertThat(v1.queueId()).isEqualTo(2);
        assertThat(v1.bornTimestamp()).isEqualTo(1795321904510L);
        assertThat(v1.properties()).contains("TAGS\u0001TagA");
        assertThat(v1.maxReconsumeTimes()).isNull();
        assertThat(v1.batch()).isFalse();
        assertThat(v1.bname()).isEqualTo("broker-a");
        assertThat(SendMessageRequestHeaderV2.fromV1(v1)).isEqualTo(v2);
        assertThat(HeaderCodec.encode(v2)).isEqualTo(capturedSendV2());
    }

    @Test
    void sendHeadersDecodeByRequestCode() {
        RemotingCommand v2 = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).extFields(capturedSendV2()).build();
        RemotingCommand v1 = RemotingCommand.request(RequestCode.SEND_MESSAGE)
                .header(SendMessageHeaders.decode(v2)).build();
        assertThat(v1.extField("producerGroup")).isEqualTo("PG");
        assertThat(SendMessageHeaders.decode(v1)).isEqualTo(SendMessageHeaders.decode(v2));
        assertThatThrownBy(() -> SendMessageHeaders.decode(RemotingCommand.request(RequestCode.PULL_MESSAGE).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesNumbersAsDecimalAndLeavesNullsOut() {
        PullMessageResponseHeader header = new PullMessageResponseHeader(0L, 10L, 0L, 10L, null, null, null, null);
        assertThat(HeaderCodec.encode(header)).containsExactly(
                Map.entry("suggestWhichBrokerId", "0"), Map.entry("nextBeginOffset", "10"),
                Map.entry("minOffset", "0"), Map.entry("maxOffset", "10"));
    }

    @Test
    void roundTripsThroughBothHeaderTypes() {
        EndTransactionRequestHeader header = new EndTransactionRequestHeader("TPG", 2L, 3464L,
                EndTransactionRequestHeader.TRANSACTION_ROLLBACK_TYPE, true, "FD0008", "FD0008", null, null);
        for (SerializeType type : SerializeType.values()) {
            RemotingCommand command = RemotingCommand.request(RequestCode.END_TRANSACTION).oneway().header(header)
                    .serializeType(type).build();
            RemotingCommand decoded = RemotingCodec.decode(RemotingCodec.encode(command));
            assertThat(decoded.decodeHeader(EndTransactionRequestHeader.class)).isEqualTo(header);
        }
    }

    @Test
    void missingRequiredFieldIsSystemErrorNamingTheField() {
        Map<String, String> ext = Map.of("consumerGroup", "CG", "topic", "T");
        assertThatThrownBy(() -> HeaderCodec.decode(ext, QueryConsumerOffsetRequestHeader.class))
                .isInstanceOfSatisfying(HeaderException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
                    assertThat(e.field()).isEqualTo("queueId");
                    assertThat(e.remark()).contains("<queueId>");
                });
    }

    @Test
    void malformedNumberIsSystemErrorNamingTheField() {
        Map<String, String> ext = Map.of("consumerGroup", "CG", "topic", "T", "queueId", "1", "commitOffset", "12x");
        assertThatThrownBy(() -> HeaderCodec.decode(ext, UpdateConsumerOffsetRequestHeader.class))
                .isInstanceOfSatisfying(HeaderException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
                    assertThat(e.field()).isEqualTo("commitOffset");
                    assertThat(e.remark()).contains("commitOffset").contains("12x");
                });
    }

    @Test
    void missingExtFieldsFailOnTheFirstRequiredField() {
        RemotingCommand noHeader = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).build();
        assertThatThrownBy(() -> noHeader.decodeHeader(GetRouteInfoRequestHeader.class))
                .isInstanceOfSatisfying(HeaderException.class, e -> assertThat(e.field()).isEqualTo("topic"));
    }

    @Test
    void optionalAndPrimitiveFieldsDefaultAndUnknownKeysAreIgnored() {
        Map<String, String> ext = Map.of("offset", "0", "group", "CG1", "delayLevel", "0", "bname", "broker-a",
                "somethingNew", "x");
        ConsumerSendMsgBackRequestHeader header = HeaderCodec.decode(ext, ConsumerSendMsgBackRequestHeader.class);
        assertThat(header.unitMode()).isFalse();
        assertThat(header.maxReconsumeTimes()).isNull();
        assertThat(header.originTopic()).isNull();
        assertThat(HeaderCodec.encode(header)).containsEntry("unitMode", "false").doesNotContainKey("originTopic");
    }

    @Test
    void booleansParseLikeTheOfficialDecoder() {
        Map<String, String> ext = new LinkedHashMap<>(Map.of("producerGroup", "P", "tranStateTableOffset", "1",
                "commitLogOffset", "2", "commitOrRollback", "8", "msgId", "M"));
        ext.put("fromTransactionCheck", "TRUE");
        assertThat(HeaderCodec.decode(ext, EndTransactionRequestHeader.class).fromTransactionCheck()).isTrue();
        ext.put("fromTransactionCheck", "yes");
        assertThat(HeaderCodec.decode(ext, EndTransactionRequestHeader.class).fromTransactionCheck()).isFalse();
    }

    @Test
    void decodesCapturedPullRequest() {
        Map<String, String> ext = Map.ofEntries(Map.entry("queueId", "3"), Map.entry("maxMsgNums", "32"),
                Map.entry("sysFlag", "2"), Map.entry("suspendTimeoutMillis", "15000"), Map.entry("commitOffset", "0"),
                Map.entry("bname", "broker-a"), Map.entry("topic", "TopicA"), Map.entry("queueOffset", "0"),
                Map.entry("expressionType", "TAG"), Map.entry("subVersion", "1795321905830"), Map.entry("consumerGroup", "CG1"));
        PullMessageRequestHeader header = HeaderCodec.decode(ext, PullMessageRequestHeader.class);
        assertThat(header.queueId()).isEqualTo(3);
        assertThat(header.suspendTimeoutMillis()).isEqualTo(15000L);
        assertThat(PullSysFlag.hasSuspend(header.sysFlag())).isTrue();
        assertThat(PullSysFlag.hasCommitOffset(header.sysFlag())).isFalse();
        assertThat(header.subscription()).isNull();
    }

    record Unsupported(java.util.List<String> values) {
    }

    @Test
    void rejectsRecordsWithUnsupportedComponentTypes() {
        assertThatThrownBy(() -> HeaderCodec.encode(new Unsupported(java.util.List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values");
    }
}
