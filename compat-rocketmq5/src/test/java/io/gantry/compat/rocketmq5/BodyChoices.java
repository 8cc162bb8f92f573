package io.gantry.compat.rocketmq5;

import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.CheckClientRequestBody;
import io.gantry.protocol.body.ClientConnection;
import io.gantry.protocol.body.ConsumerConnection;
import io.gantry.protocol.body.ConsumerOffsetSerializeWrapper;
import io.gantry.protocol.body.GetConsumerListByGroupResponseBody;
import io.gantry.protocol.body.GroupList;
import io.gantry.protocol.body.KVTable;
import io.gantry.protocol.body.ProducerConnection;
import io.gantry.protocol.body.ResetOffsetBody;
import io.gantry.protocol.body.TopicList;
import io.gantry.protocol.body.TopicOffset;
import io.gantry.protocol.body.TopicStatsTable;
import io.gantry.protocol.body.UnlockBatchRequestBody;
import io.gantry.protocol.remoting.LanguageCode;
import io.gantry.protocol.body.ClusterInfo;
import io.gantry.protocol.body.ConsumeFromWhere;
import io.gantry.protocol.body.ConsumeStats;
import io.gantry.protocol.body.ConsumeType;
import io.gantry.protocol.body.ConsumerData;
import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.HeartbeatData;
import io.gantry.protocol.body.LockBatchRequestBody;
import io.gantry.protocol.body.LockBatchResponseBody;
import io.gantry.protocol.body.MessageModel;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.OffsetWrapper;
import io.gantry.protocol.body.ProducerData;
import io.gantry.protocol.body.QueueData;
import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.SubscriptionData;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.body.TopicFilterType;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.simulation.choice.Choices;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Draws Gantry JSON body records for the cross-checks, including the fields 5.x added
 * ({@link #NEWER_FIELDS}). Those 5.x fields are primitives officially (enableActingMaster,
 * heartbeatFingerprint, withoutSub, onlyThisBroker), always written, so they are drawn non-null;
 * likewise TopicConfig.attributes, which the official class initialises to an empty map.
 * Texts include JSON's escaped characters and non-ASCII.
 */
final class BodyChoices {

    /** Whether to draw fields that only newer official versions (5.x) have. */
    static final boolean NEWER_FIELDS = true;
    static final String JSON_TEXT_ALPHABET = GantryChoices.TEXT_ALPHABET + "\"\\/\t{}:,";
    static final int MAX_ITEMS = 4;

    private BodyChoices() {
    }

    static String text(Choices c) {
        return c.string(16, JSON_TEXT_ALPHABET);
    }

    static <T> List<T> list(Choices c, Function<Choices, T> element) {
        return c.listOf(0, MAX_ITEMS, element);
    }

    static <T> Set<T> set(Choices c, Function<Choices, T> element) {
        return new LinkedHashSet<>(list(c, element));
    }

    static <K, V> Map<K, V> map(Choices c, Function<Choices, K> key, Function<Choices, V> value) {
        Map<K, V> map = new LinkedHashMap<>();
        for (K k : list(c, key)) {
            map.put(k, value.apply(c));
        }
        return map;
    }

    static TopicRouteData topicRouteData(Choices c) {
        return new TopicRouteData(c.bool() ? text(c) : null, list(c, BodyChoices::queueData),
                list(c, BodyChoices::brokerData), map(c, BodyChoices::text, x -> list(x, BodyChoices::text)));
    }

    static QueueData queueData(Choices c) {
        return new QueueData(text(c), anyInt(c), anyInt(c), anyInt(c), anyInt(c));
    }

    static BrokerData brokerData(Choices c) {
        // Broker ids are 0 (master) and up; negative keys are a separate, focused test.
        Map<Long, String> addresses = map(c, x -> x.longBetween(0, Long.MAX_VALUE), BodyChoices::text);
        if (!NEWER_FIELDS) {
            return new BrokerData(text(c), text(c), addresses);
        }
        return new BrokerData(text(c), text(c), addresses, c.bool(), c.bool() ? text(c) : null);
    }

    static HeartbeatData heartbeatData(Choices c) {
        Set<ProducerData> producers = set(c, x -> new ProducerData(text(x)));
        Set<ConsumerData> consumers = set(c, BodyChoices::consumerData);
        if (!NEWER_FIELDS) {
            return new HeartbeatData(text(c), producers, consumers);
        }
        return new HeartbeatData(text(c), producers, consumers, anyInt(c), c.bool());
    }

    static ConsumerData consumerData(Choices c) {
        return new ConsumerData(text(c), c.pick(ConsumeType.class), c.pick(MessageModel.class),
                c.pick(ConsumeFromWhere.class), set(c, BodyChoices::subscriptionData), c.bool());
    }

    /**
     * Always with an expressionType: the official class defaults a missing one to "TAG", where
     * Gantry keeps null (and reads null as TAG), so a null would differ by design.
     */
    static SubscriptionData subscriptionData(Choices c) {
        return new SubscriptionData(c.bool(), text(c), text(c), set(c, BodyChoices::text),
                set(c, BodyChoices::anyInt), c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE), text(c));
    }

    static ClusterInfo clusterInfo(Choices c) {
        return new ClusterInfo(map(c, BodyChoices::text, BodyChoices::brokerData),
                map(c, BodyChoices::text, x -> set(x, BodyChoices::text)));
    }

    static MessageQueue messageQueue(Choices c) {
        return new MessageQueue(text(c), text(c), anyInt(c));
    }

    static LockBatchRequestBody lockBatchRequestBody(Choices c) {
        Boolean onlyThisBroker = NEWER_FIELDS ? c.bool() : null;
        return new LockBatchRequestBody(text(c), text(c), onlyThisBroker, set(c, BodyChoices::messageQueue));
    }

    static LockBatchResponseBody lockBatchResponseBody(Choices c) {
        return new LockBatchResponseBody(set(c, BodyChoices::messageQueue));
    }

    static ConsumeStats consumeStats(Choices c) {
        Map<MessageQueue, OffsetWrapper> offsets = map(c, BodyChoices::messageQueue,
                x -> new OffsetWrapper(anyLong(x), anyLong(x), anyLong(x)));
        // Finite values with a short decimal form, as a rate is.
        return new ConsumeStats(offsets, c.intBetween(-1_000_000, 1_000_000) / 64.0);
    }

    static TopicConfig topicConfig(Choices c) {
        Map<String, String> attributes = NEWER_FIELDS ? map(c, BodyChoices::text, BodyChoices::text) : null;
        return new TopicConfig(text(c), anyInt(c), anyInt(c), anyInt(c), c.pick(TopicFilterType.class), anyInt(c),
                c.bool(), attributes);
    }

    static TopicConfigSerializeWrapper topicConfigSerializeWrapper(Choices c) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (TopicConfig config : list(c, BodyChoices::topicConfig)) {
            table.put(config.topicName(), config); // the table is keyed by topic name
        }
        return new TopicConfigSerializeWrapper(table, new DataVersion(anyLong(c), anyLong(c)));
    }

    static RegisterBrokerBody registerBrokerBody(Choices c) {
        return new RegisterBrokerBody(topicConfigSerializeWrapper(c), list(c, BodyChoices::text));
    }

    static TopicStatsTable topicStatsTable(Choices c) {
        return new TopicStatsTable(map(c, BodyChoices::messageQueue, x -> new TopicOffset(anyLong(x), anyLong(x), anyLong(x))));
    }

    static ResetOffsetBody resetOffsetBody(Choices c) {
        return new ResetOffsetBody(map(c, BodyChoices::messageQueue, BodyChoices::anyLong));
    }

    /** The official broker's consumerOffset.json: "topic@group" to queue id to offset (integer keys). */
    static ConsumerOffsetSerializeWrapper consumerOffsetSerializeWrapper(Choices c) {
        return new ConsumerOffsetSerializeWrapper(map(c, BodyChoices::text, x -> map(x, BodyChoices::anyInt, BodyChoices::anyLong)));
    }

    static KVTable kvTable(Choices c) {
        return new KVTable(map(c, BodyChoices::text, BodyChoices::text));
    }

    static TopicList topicList(Choices c) {
        return new TopicList(set(c, BodyChoices::text), c.bool() ? text(c) : null);
    }

    static GroupList groupList(Choices c) {
        return new GroupList(set(c, BodyChoices::text));
    }

    static GetConsumerListByGroupResponseBody consumerList(Choices c) {
        return new GetConsumerListByGroupResponseBody(list(c, BodyChoices::text));
    }

    static UnlockBatchRequestBody unlockBatchRequestBody(Choices c) {
        Boolean onlyThisBroker = NEWER_FIELDS ? c.bool() : null;
        return new UnlockBatchRequestBody(text(c), text(c), onlyThisBroker, set(c, BodyChoices::messageQueue));
    }

    static ClientConnection clientConnection(Choices c) {
        return new ClientConnection(text(c), text(c), c.pick(LanguageCode.class), anyInt(c));
    }

    static ConsumerConnection consumerConnection(Choices c) {
        return new ConsumerConnection(set(c, BodyChoices::clientConnection),
                map(c, BodyChoices::text, BodyChoices::subscriptionData), c.pick(ConsumeType.class),
                c.pick(MessageModel.class), c.pick(ConsumeFromWhere.class));
    }

    static ProducerConnection producerConnection(Choices c) {
        return new ProducerConnection(set(c, BodyChoices::clientConnection));
    }

    static CheckClientRequestBody checkClientRequestBody(Choices c) {
        return new CheckClientRequestBody(text(c), text(c), subscriptionData(c));
    }

    static int anyInt(Choices c) {
        return c.intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static long anyLong(Choices c) {
        return c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
