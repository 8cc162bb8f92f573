package io.gantry.compat.rocketmq4;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.header.*;
import io.gantry.protocol.remoting.RemotingCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.SerializeType;
import io.gantry.simulation.choice.PropertyRunner;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.remoting.CommandCustomHeader;
import org.junit.jupiter.api.Test;

/**
 * Every Gantry header record against its official 4.9.8 class, through whole frames in both
 * serialize types: Gantry's {@link HeaderCodec} into extFields, decoded by the official
 * {@code decodeCommandCustomHeader}; and official headers written by {@code makeCustomHeaderToNet}
 * (inside the official encoder), decoded by Gantry.
 */
class HeaderCrossCheckTest {

    static final int CASES = 3_000;

    static final List<Class<? extends Record>> HEADERS = List.of(
            SendMessageRequestHeader.class, SendMessageRequestHeaderV2.class, SendMessageResponseHeader.class,
            PullMessageRequestHeader.class, PullMessageResponseHeader.class,
            QueryConsumerOffsetRequestHeader.class, QueryConsumerOffsetResponseHeader.class,
            UpdateConsumerOffsetRequestHeader.class, GetMaxOffsetRequestHeader.class, GetMaxOffsetResponseHeader.class,
            GetMinOffsetRequestHeader.class, GetMinOffsetResponseHeader.class, SearchOffsetRequestHeader.class,
            SearchOffsetResponseHeader.class, GetEarliestMsgStoretimeRequestHeader.class,
            GetEarliestMsgStoretimeResponseHeader.class, ConsumerSendMsgBackRequestHeader.class,
            EndTransactionRequestHeader.class, CheckTransactionStateRequestHeader.class,
            QueryMessageRequestHeader.class, QueryMessageResponseHeader.class, ViewMessageRequestHeader.class,
            GetConsumerListByGroupRequestHeader.class, NotifyConsumerIdsChangedRequestHeader.class,
            UnregisterClientRequestHeader.class, GetConsumerConnectionListRequestHeader.class,
            GetProducerConnectionListRequestHeader.class, ResetOffsetRequestHeader.class, GetConsumerStatusRequestHeader.class, GetConsumeStatsRequestHeader.class,
            GetConsumerRunningInfoRequestHeader.class, GetTopicStatsInfoRequestHeader.class,
            QueryTopicConsumeByWhoRequestHeader.class, CreateTopicRequestHeader.class, DeleteTopicRequestHeader.class,
            GetBrokerConfigResponseHeader.class, GetRouteInfoRequestHeader.class,
            RegisterBrokerRequestHeader.class, RegisterBrokerResponseHeader.class, UnregisterBrokerRequestHeader.class,
            QueryDataVersionRequestHeader.class, QueryDataVersionResponseHeader.class,
            GetKVConfigRequestHeader.class, GetKVConfigResponseHeader.class, PutKVConfigRequestHeader.class,
            DeleteKVConfigRequestHeader.class, GetKVListByNamespaceRequestHeader.class,
            DeleteTopicFromNamesrvRequestHeader.class, GetTopicsByClusterRequestHeader.class,
            WipeWritePermOfBrokerRequestHeader.class, WipeWritePermOfBrokerResponseHeader.class,
            AddWritePermOfBrokerRequestHeader.class, AddWritePermOfBrokerResponseHeader.class);

    @Test
    void everyRequiredGantryFieldExistsOfficiallyWithACompatibleType() {
        List<String> problems = new ArrayList<>();
        for (Class<? extends Record> gantry : HEADERS) {
            Map<String, Field> official = OfficialHeaders.officialFields(OfficialHeaders.officialClass(gantry));
            for (RecordComponent component : gantry.getRecordComponents()) {
                Field field = official.get(component.getName());
                if (field == null) {
                    if (component.isAnnotationPresent(Required.class)) {
                        problems.add(gantry.getSimpleName() + "." + component.getName() + " is required but not official");
                    }
                } else if (!compatible(component.getType(), field.getType())) {
                    problems.add(gantry.getSimpleName() + "." + component.getName() + ": " + component.getType()
                            + " vs official " + field.getType());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Gantry's {@link Required} is exactly the official {@code @CFNotNull}: Gantry rejects no request
     * the official broker accepts, and demands in responses what official clients demand.
     */
    @Test
    void requiredFieldsAreExactlyTheOfficialNotNullFields() {
        List<String> mismatches = new ArrayList<>();
        int required = 0;
        for (Class<? extends Record> gantry : HEADERS) {
            Map<String, Field> official = OfficialHeaders.officialFields(OfficialHeaders.officialClass(gantry));
            for (RecordComponent component : gantry.getRecordComponents()) {
                Field field = official.get(component.getName());
                boolean gantryRequired = component.isAnnotationPresent(Required.class);
                boolean officialNotNull = field != null
                        && field.isAnnotationPresent(org.apache.rocketmq.remoting.annotation.CFNotNull.class);
                required += gantryRequired ? 1 : 0;
                if (gantryRequired != officialNotNull) {
                    mismatches.add(gantry.getSimpleName() + "." + component.getName() + " Gantry required=" + gantryRequired);
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(required).as("required fields compared").isGreaterThan(50);
    }

    @Test
    void gantryHeadersDecodeWithTheOfficialDecoder() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("4.9.8: Gantry header -> official decode", c -> {
            Class<? extends Record> type = c.pick(HEADERS);
            Class<?> officialType = OfficialHeaders.officialClass(type);
            Map<String, Field> officialFields = OfficialHeaders.officialFields(officialType);
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = OfficialHeaders.draw(c, components[i], officialFields.get(components[i].getName()));
            }
            Record header = OfficialHeaders.newGantry(type, values);
            RemotingCommand command = RemotingCommand.request(1).serializeType(c.pick(SerializeType.class))
                    .header(header).build();
            c.note("header " + header + " as " + command.serializeType());

            org.apache.rocketmq.remoting.protocol.RemotingCommand received =
                    OfficialFrames.decode(CommandCrossCheckTest.bytes(RemotingCodec.encodeWithLengthPrefix(command)));
            @SuppressWarnings("unchecked")
            Object decoded = received.decodeCommandCustomHeader((Class<? extends CommandCustomHeader>) officialType);
            Object defaults = OfficialHeaders.newOfficial(officialType);

            for (int i = 0; i < components.length; i++) {
                Field field = officialFields.get(components[i].getName());
                if (field == null) {
                    continue; // a field this official version does not have: it ignores the key
                }
                Object expected = values[i] != null ? values[i] : OfficialHeaders.get(field, defaults);
                assertThat(OfficialHeaders.sameValue(expected, OfficialHeaders.get(field, decoded)))
                        .as("%s.%s: sent %s, official decoded %s", type.getSimpleName(), field.getName(), values[i],
                                OfficialHeaders.get(field, decoded))
                        .isTrue();
            }
        });
    }

    @Test
    void officialHeadersDecodeWithGantry() {
        PropertyRunner.fromSystemProperties().withCases(CASES).check("4.9.8: official header -> Gantry decode", c -> {
            Class<? extends Record> type = c.pick(HEADERS);
            Class<?> officialType = OfficialHeaders.officialClass(type);
            Map<String, Field> officialFields = OfficialHeaders.officialFields(officialType);
            Object official = OfficialHeaders.newOfficial(officialType);
            for (RecordComponent component : type.getRecordComponents()) {
                Field field = officialFields.get(component.getName());
                if (field != null) {
                    Object value = OfficialHeaders.draw(c, component, field);
                    if (value != null || !field.getType().isPrimitive()) {
                        OfficialHeaders.set(field, official, value);
                    }
                }
            }
            org.apache.rocketmq.remoting.protocol.RemotingCommand command =
                    org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(1, (CommandCustomHeader) official);
            command.setSerializeTypeCurrentRPC(c.pick(org.apache.rocketmq.remoting.protocol.SerializeType.class));
            c.note("official " + official + " as " + command.getSerializeTypeCurrentRPC());

            Record decoded = CommandCrossCheckTest.gantryDecode(OfficialFrames.encode(command)).decodeHeader(type);

            for (RecordComponent component : type.getRecordComponents()) {
                Field field = officialFields.get(component.getName());
                Object value = OfficialHeaders.component(decoded, component);
                if (field == null) {
                    assertThat(value).as("%s.%s has no official field", type.getSimpleName(), component.getName())
                            .isIn(null, 0, 0L, false);
                    continue;
                }
                assertThat(OfficialHeaders.sameValue(value, OfficialHeaders.get(field, official)))
                        .as("%s.%s: official sent %s, Gantry decoded %s", type.getSimpleName(), component.getName(),
                                OfficialHeaders.get(field, official), value)
                        .isTrue();
            }
        });
    }

    private static boolean compatible(Class<?> gantry, Class<?> official) {
        return kind(gantry).equals(kind(official))
                || (kind(gantry).equals("long") && kind(official).equals("int"));
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "int";
        }
        if (type == Long.class || type == long.class) {
            return "long";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        return type.getSimpleName();
    }
}
