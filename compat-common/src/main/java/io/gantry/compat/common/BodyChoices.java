package io.gantry.compat.common;

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
 * Draws Gantry JSON body records for the cross-checks, shaped for one official version by
 * whether it has the fields 5.x added ({@link #newerFields()}).
 * <ul>
 *   <li>{@link #forOfficial4()}: fields the official 4.x classes do not have are left null, so both
 *       directions can be compared exactly.</li>
 *   <li>{@link #forOfficial5()}: the 5.x fields are drawn too. They are primitives officially
 *       (enableActingMaster, heartbeatFingerprint, withoutSub, onlyThisBroker), always written, so
 *       they are drawn non-null; likewise TopicConfig.attributes, which the official class
 *       initialises to an empty map.</li>
 * </ul>
 * Texts include JSON's escaped characters and non-ASCII. The same choices always draw the same
 * value for a given flag.
 */
public final class BodyChoices {

    public static final String JSON_TEXT_ALPHABET = GantryChoices.TEXT_ALPHABET + "\"\\/\t{}:,";
    public static final int MAX_ITEMS = 4;

    /** Whether to draw fields that only newer official versions (5.x) have. */
    private final boolean newerFields;

    /**
     * @param newerFields whether to draw the fields only official 5.x has (else they stay null);
     *                    prefer {@link #forOfficial4()} and {@link #forOfficial5()}
     */
    public BodyChoices(boolean newerFields) {
        this.newerFields = newerFields;
    }

    /** Bodies for the official 4.x classes: the fields 5.x added stay null. */
    public static BodyChoices forOfficial4() {
        return new BodyChoices(false);
    }

    /** Bodies for the official 5.x classes: the fields 5.x added are drawn. */
    public static BodyChoices forOfficial5() {
        return new BodyChoices(true);
    }

    /** Whether the fields only official 5.x has are drawn. */
    public boolean newerFields() {
        return newerFields;
    }

    public static String text(Choices c) {
        return c.string(16, JSON_TEXT_ALPHABET);
    }

    public static <T> List<T> list(Choices c, Function<Choices, T> element) {
        return c.listOf(0, MAX_ITEMS, element);
    }

    public static <T> Set<T> set(Choices c, Function<Choices, T> element) {
        return new LinkedHashSet<>(list(c, element));
    }

    public static <K, V> Map<K, V> map(Choices c, Function<Choices, K> key, Function<Choices, V> value) {
        Map<K, V> map = new LinkedHashMap<>();
        for (K k : list(c, key)) {
            map.put(k, value.apply(c));
        }
        return map;
    }

    public TopicRouteData topicRouteData(Choices c) {
        return new TopicRouteData(c.bool() ? text(c) : null, list(c, this::queueData),
                list(c, this::brokerData), map(c, BodyChoices::text, x -> list(x, BodyChoices::text)));
    }

    public QueueData queueData(Choices c) {
        return new QueueData(text(c), anyInt(c), anyInt(c), anyInt(c), anyInt(c));
    }

    public BrokerData brokerData(Choices c) {
        // Broker ids are 0 (master) and up; negative keys are a separate, focused test.
        Map<Long, String> addresses = map(c, x -> x.longBetween(0, Long.MAX_VALUE), BodyChoices::text);
        if (!newerFields) {
            return new BrokerData(text(c), text(c), addresses);
        }
        return new BrokerData(text(c), text(c), addresses, c.bool(), c.bool() ? text(c) : null);
    }

    public HeartbeatData heartbeatData(Choices c) {
        Set<ProducerData> producers = set(c, x -> new ProducerData(text(x)));
        Set<ConsumerData> consumers = set(c, this::consumerData);
        if (!newerFields) {
            return new HeartbeatData(text(c), producers, consumers);
        }
        return new HeartbeatData(text(c), producers, consumers, anyInt(c), c.bool());
    }

    public ConsumerData consumerData(Choices c) {
        return new ConsumerData(text(c), c.pick(ConsumeType.class), c.pick(MessageModel.class),
                c.pick(ConsumeFromWhere.class), set(c, this::subscriptionData), c.bool());
    }

    /**
     * Always with an expressionType: the official class defaults a missing one to "TAG", where
     * Gantry keeps null (and reads null as TAG), so a null would differ by design.
     */
    public SubscriptionData subscriptionData(Choices c) {
        return new SubscriptionData(c.bool(), text(c), text(c), set(c, BodyChoices::text),
                set(c, BodyChoices::anyInt), c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE), text(c));
    }

    public ClusterInfo clusterInfo(Choices c) {
        return new ClusterInfo(map(c, BodyChoices::text, this::brokerData),
                map(c, BodyChoices::text, x -> set(x, BodyChoices::text)));
    }

    public MessageQueue messageQueue(Choices c) {
        return new MessageQueue(text(c), text(c), anyInt(c));
    }

    public LockBatchRequestBody lockBatchRequestBody(Choices c) {
        Boolean onlyThisBroker = newerFields ? c.bool() : null;
        return new LockBatchRequestBody(text(c), text(c), onlyThisBroker, set(c, this::messageQueue));
    }

    public LockBatchResponseBody lockBatchResponseBody(Choices c) {
        return new LockBatchResponseBody(set(c, this::messageQueue));
    }

    public ConsumeStats consumeStats(Choices c) {
        Map<MessageQueue, OffsetWrapper> offsets = map(c, this::messageQueue,
                x -> new OffsetWrapper(anyLong(x), anyLong(x), anyLong(x)));
        // Finite values with a short decimal form, as a rate is.
        return new ConsumeStats(offsets, c.intBetween(-1_000_000, 1_000_000) / 64.0);
    }

    public TopicConfig topicConfig(Choices c) {
        Map<String, String> attributes = newerFields ? map(c, BodyChoices::text, BodyChoices::text) : null;
        return new TopicConfig(text(c), anyInt(c), anyInt(c), anyInt(c), c.pick(TopicFilterType.class), anyInt(c),
                c.bool(), attributes);
    }

    public TopicConfigSerializeWrapper topicConfigSerializeWrapper(Choices c) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (TopicConfig config : list(c, this::topicConfig)) {
            table.put(config.topicName(), config); // the table is keyed by topic name
        }
        return new TopicConfigSerializeWrapper(table, new DataVersion(anyLong(c), anyLong(c)));
    }

    public RegisterBrokerBody registerBrokerBody(Choices c) {
        return new RegisterBrokerBody(topicConfigSerializeWrapper(c), list(c, BodyChoices::text));
    }

    public TopicStatsTable topicStatsTable(Choices c) {
        return new TopicStatsTable(map(c, this::messageQueue, x -> new TopicOffset(anyLong(x), anyLong(x), anyLong(x))));
    }

    public ResetOffsetBody resetOffsetBody(Choices c) {
        return new ResetOffsetBody(map(c, this::messageQueue, BodyChoices::anyLong));
    }

    /** The official broker's consumerOffset.json: "topic@group" to queue id to offset (integer keys). */
    public ConsumerOffsetSerializeWrapper consumerOffsetSerializeWrapper(Choices c) {
        return new ConsumerOffsetSerializeWrapper(map(c, BodyChoices::text, x -> map(x, BodyChoices::anyInt, BodyChoices::anyLong)));
    }

    public KVTable kvTable(Choices c) {
        return new KVTable(map(c, BodyChoices::text, BodyChoices::text));
    }

    public TopicList topicList(Choices c) {
        return new TopicList(set(c, BodyChoices::text), c.bool() ? text(c) : null);
    }

    public GroupList groupList(Choices c) {
        return new GroupList(set(c, BodyChoices::text));
    }

    public GetConsumerListByGroupResponseBody consumerList(Choices c) {
        return new GetConsumerListByGroupResponseBody(list(c, BodyChoices::text));
    }

    public UnlockBatchRequestBody unlockBatchRequestBody(Choices c) {
        Boolean onlyThisBroker = newerFields ? c.bool() : null;
        return new UnlockBatchRequestBody(text(c), text(c), onlyThisBroker, set(c, this::messageQueue));
    }

    public ClientConnection clientConnection(Choices c) {
        return new ClientConnection(text(c), text(c), c.pick(LanguageCode.class), anyInt(c));
    }

    public ConsumerConnection consumerConnection(Choices c) {
        return new ConsumerConnection(set(c, this::clientConnection),
                map(c, BodyChoices::text, this::subscriptionData), c.pick(ConsumeType.class),
                c.pick(MessageModel.class), c.pick(ConsumeFromWhere.class));
    }

    public ProducerConnection producerConnection(Choices c) {
        return new ProducerConnection(set(c, this::clientConnection));
    }

    public CheckClientRequestBody checkClientRequestBody(Choices c) {
        return new CheckClientRequestBody(text(c), text(c), subscriptionData(c));
    }

    public static int anyInt(Choices c) {
        return c.intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public static long anyLong(Choices c) {
        return c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
