package io.gantry.compat.rocketmq5;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.compat.common.BodyChoices;
import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.ClusterInfo;
import io.gantry.protocol.body.ConsumeStats;
import io.gantry.protocol.body.HeartbeatData;
import io.gantry.protocol.body.LockBatchRequestBody;
import io.gantry.protocol.body.LockBatchResponseBody;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.OffsetWrapper;
import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.simulation.choice.Choices;
import io.gantry.simulation.choice.PropertyRunner;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.junit.jupiter.api.Test;

/**
 * JSON bodies across the codecs: Gantry's {@link RemotingJson} (Jackson) against the official
 * 5.3.1 {@code RemotingSerializable} (fastjson), in both directions, compared field by field
 * through {@link OfficialBodies}.
 */
class BodyCrossCheckTest {

    static final int CASES = 4_000;

    /** One body type: how to draw it, its official class, and the converters. */
    record BodyType<G, O>(String name, Function<Choices, G> draw, Class<O> officialClass,
                          Function<G, O> toOfficial, Function<O, G> fromOfficial) {
    }

    /** Declared before {@link #TYPES}, whose method references bind to it. */
    static final BodyChoices BODIES = BodyChoices.forOfficial5();

    static final List<BodyType<?, ?>> TYPES = List.of(
            new BodyType<>("TopicRouteData", BODIES::topicRouteData,
                    org.apache.rocketmq.remoting.protocol.route.TopicRouteData.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("HeartbeatData", BODIES::heartbeatData,
                    org.apache.rocketmq.remoting.protocol.heartbeat.HeartbeatData.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("ClusterInfo", BODIES::clusterInfo,
                    org.apache.rocketmq.remoting.protocol.body.ClusterInfo.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("LockBatchRequestBody", BODIES::lockBatchRequestBody,
                    org.apache.rocketmq.remoting.protocol.body.LockBatchRequestBody.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("LockBatchResponseBody", BODIES::lockBatchResponseBody,
                    org.apache.rocketmq.remoting.protocol.body.LockBatchResponseBody.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("ConsumeStats", BODIES::consumeStats,
                    org.apache.rocketmq.remoting.protocol.admin.ConsumeStats.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("TopicConfigSerializeWrapper", BODIES::topicConfigSerializeWrapper,
                    org.apache.rocketmq.remoting.protocol.body.TopicConfigSerializeWrapper.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("RegisterBrokerBody", BODIES::registerBrokerBody,
                    org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("TopicStatsTable", BODIES::topicStatsTable,
                    org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("ResetOffsetBody", BODIES::resetOffsetBody,
                    org.apache.rocketmq.remoting.protocol.body.ResetOffsetBody.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("ConsumerOffsetSerializeWrapper", BODIES::consumerOffsetSerializeWrapper,
                    org.apache.rocketmq.remoting.protocol.body.ConsumerOffsetSerializeWrapper.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("KVTable", BODIES::kvTable,
                    org.apache.rocketmq.remoting.protocol.body.KVTable.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("TopicList", BODIES::topicList,
                    org.apache.rocketmq.remoting.protocol.body.TopicList.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("GroupList", BODIES::groupList,
                    org.apache.rocketmq.remoting.protocol.body.GroupList.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("GetConsumerListByGroupResponseBody", BODIES::consumerList,
                    org.apache.rocketmq.remoting.protocol.header.GetConsumerListByGroupResponseBody.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("UnlockBatchRequestBody", BODIES::unlockBatchRequestBody,
                    org.apache.rocketmq.remoting.protocol.body.UnlockBatchRequestBody.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("ConsumerConnection", BODIES::consumerConnection,
                    org.apache.rocketmq.remoting.protocol.body.ConsumerConnection.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("ProducerConnection", BODIES::producerConnection,
                    org.apache.rocketmq.remoting.protocol.body.ProducerConnection.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial),
            new BodyType<>("CheckClientRequestBody", BODIES::checkClientRequestBody,
                    org.apache.rocketmq.remoting.protocol.body.CheckClientRequestBody.class, OfficialBodies::toOfficial, OfficialBodies::fromOfficial));

    @Test
    void gantryBodiesDecodeWithTheOfficialDecoder() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("5.3.1: Gantry body -> official decode",
                c -> gantryToOfficial(c, c.pick(TYPES)));
    }

    @Test
    void officialBodiesDecodeWithGantry() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("5.3.1: official body -> Gantry decode",
                c -> officialToGantry(c, c.pick(TYPES)));
    }

    private static <G, O> void gantryToOfficial(Choices c, BodyType<G, O> type) {
        G sent = type.draw().apply(c);
        byte[] json = RemotingJson.encode(sent);
        c.note(type.name() + " " + new String(json, StandardCharsets.UTF_8));

        O decoded = RemotingSerializable.decode(json, type.officialClass());

        assertThat(type.fromOfficial().apply(decoded)).isEqualTo(sent);
    }

    private static <G, O> void officialToGantry(Choices c, BodyType<G, O> type) {
        G expected = type.draw().apply(c);
        byte[] json = RemotingSerializable.encode(type.toOfficial().apply(expected));
        c.note(type.name() + " " + new String(json, StandardCharsets.UTF_8));

        @SuppressWarnings("unchecked")
        G decoded = (G) RemotingJson.decode(json, expected.getClass());

        assertThat(decoded).isEqualTo(expected);
    }

    // ---- the quirks, one by one ----

    @Test
    void officialWritesUnquotedNumericKeysAndGantryReadsThem() {
        BrokerData broker = new BrokerData("c", "b", Map.of(0L, "10.0.0.1:10911", 1L, "10.0.0.2:10911"), false, null);
        byte[] official = RemotingSerializable.encode(OfficialBodies.toOfficial(broker));

        assertThat(new String(official, StandardCharsets.UTF_8)).contains("{0:\"10.0.0.1:10911\"");
        assertThat(RemotingJson.decode(official, BrokerData.class)).isEqualTo(broker);
    }

    @Test
    void gantryWritesQuotedNumericKeysAndOfficialReadsThem() {
        BrokerData broker = new BrokerData("c", "b", Map.of(0L, "10.0.0.1:10911"), false, null);
        String gantry = RemotingJson.encodeToString(broker);

        assertThat(gantry).contains("{\"0\":\"10.0.0.1:10911\"}");
        var decoded = RemotingSerializable.fromJson(gantry, org.apache.rocketmq.remoting.protocol.route.BrokerData.class);
        assertThat(decoded.getBrokerAddrs()).isEqualTo(new HashMap<>(Map.of(0L, "10.0.0.1:10911")));
    }

    @Test
    void negativeUnquotedNumericKeysFromTheOfficialCodec() {
        BrokerData broker = new BrokerData("c", "b", Map.of(-1L, "10.0.0.1:10911"), false, null);
        byte[] official = RemotingSerializable.encode(OfficialBodies.toOfficial(broker));

        assertThat(new String(official, StandardCharsets.UTF_8)).contains("{-1:\"10.0.0.1:10911\"");
        assertThat(RemotingJson.decode(official, BrokerData.class)).isEqualTo(broker);
    }

    @Test
    void messageQueueKeyedMapsUseObjectKeysBothWays() {
        ConsumeStats stats = new ConsumeStats(Map.of(new MessageQueue("T", "b", 3), new OffsetWrapper(10, 7, 99)), 1.5);
        String gantry = RemotingJson.encodeToString(stats);
        String official = RemotingSerializable.toJson(OfficialBodies.toOfficial(stats), false);

        assertThat(gantry).contains("{{\"brokerName\":\"b\",\"queueId\":3,\"topic\":\"T\"}:");
        assertThat(official).contains("{{\"brokerName\":\"b\",\"queueId\":3,\"topic\":\"T\"}:");
        assertThat(RemotingJson.decode(official, ConsumeStats.class)).isEqualTo(stats);
        assertThat(OfficialBodies.fromOfficial(RemotingSerializable.fromJson(gantry,
                org.apache.rocketmq.remoting.protocol.admin.ConsumeStats.class))).isEqualTo(stats);
    }

    @Test
    void bothWriteKeysInAlphabeticalOrderAndLeaveNullsOut() {
        var route = new TopicRouteData(List.of(), List.of(new BrokerData("c", "b", Map.of(0L, "a:1"), false, null)));
        String gantry = RemotingJson.encodeToString(route);
        String official = RemotingSerializable.toJson(OfficialBodies.toOfficial(route), false);

        assertThat(gantry).doesNotContain("orderTopicConf");
        assertThat(official).doesNotContain("orderTopicConf");
        assertThat(gantry).isEqualTo(official.replace("{0:", "{\"0\":"));
    }

    /** 5.x's added fields are primitives officially, so "empty" bodies carry their zero values. */
    @Test
    void emptyAndDefaultBodiesCrossBothWays() {
        for (Object empty : List.of(new HeartbeatData(null, null, null, 0, false), new ClusterInfo(null, null),
                new LockBatchRequestBody(null, null, false, null), new LockBatchResponseBody(null),
                new TopicConfigSerializeWrapper(null, null), new RegisterBrokerBody(null, null))) {
            BodyType<?, ?> type = TYPES.stream().filter(t -> t.name().equals(empty.getClass().getSimpleName()))
                    .findFirst().orElseThrow();
            Object official = RemotingSerializable.decode(RemotingJson.encode(empty), type.officialClass());
            assertThat(official).as(type.name()).isNotNull();
            assertThat(RemotingJson.decode(RemotingSerializable.encode(official), empty.getClass()))
                    .as(type.name()).isEqualTo(empty);
        }
    }
}
