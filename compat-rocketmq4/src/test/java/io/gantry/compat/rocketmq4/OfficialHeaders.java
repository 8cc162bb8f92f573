package io.gantry.compat.rocketmq4;

import io.gantry.compat.common.GantryChoices;
import io.gantry.protocol.header.Required;
import io.gantry.simulation.choice.Choices;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pairs each Gantry header record with the official 4.9.8 header class of the same name and moves
 * values between them by field name (Gantry's component names are the official Java field names).
 * Reflection keeps the cross-check honest for every header at once: a renamed or retyped field
 * shows up as a mismatch, not as a forgotten test.
 */
final class OfficialHeaders {

    private static final List<String> PACKAGES = List.of(
            "org.apache.rocketmq.common.protocol.header.",
            "org.apache.rocketmq.common.protocol.header.namesrv.");
    /** Where the official class name differs from Gantry's. */
    private static final Map<String, String> RENAMED = Map.of("UnregisterBrokerRequestHeader", "UnRegisterBrokerRequestHeader");

    /**
     * Fields whose official {@code checkFields()} accepts only certain values: drawn from those.
     * (Gantry's header codec accepts any value of the type; judging it is the processor's business.)
     */
    private static final Map<String, List<?>> DOMAINS = Map.of(
            "topicFilterType", List.of("SINGLE_TAG", "MULTI_TAG"),
            "commitOrRollback", List.of(0, 8, 12)); // not-a-transaction, commit, rollback

    private OfficialHeaders() {
    }

    /** The official class for a Gantry header record. */
    static Class<?> officialClass(Class<? extends Record> gantry) {
        String name = RENAMED.getOrDefault(gantry.getSimpleName(), gantry.getSimpleName());
        for (String pkg : PACKAGES) {
            try {
                return Class.forName(pkg + name);
            } catch (ClassNotFoundException e) {
                // try the next package
            }
        }
        throw new AssertionError("no official header class for " + gantry.getName());
    }

    /** The official instance fields by name (the class and its superclasses), as the official codec sees them. */
    static Map<String, Field> officialFields(Class<?> official) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> type = official; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.getName().startsWith("this")) {
                    field.setAccessible(true);
                    fields.putIfAbsent(field.getName(), field);
                }
            }
        }
        return fields;
    }

    /**
     * Draws a value for one Gantry component, within the range of the official field's type when
     * that is narrower. Required components are never null; optional boxed ones sometimes are.
     */
    static Object draw(Choices c, RecordComponent component, Field officialField) {
        Class<?> type = component.getType();
        List<?> domain = DOMAINS.get(component.getName());
        if (domain != null) {
            return c.pick(domain); // never null: some official classes misbehave without these
        }
        if (!type.isPrimitive() && !component.isAnnotationPresent(Required.class) && c.chance(0.3)) {
            return null;
        }
        Class<?> officialType = officialField == null ? type : officialField.getType();
        if (type == String.class) {
            return GantryChoices.text(c);
        }
        if (type == Integer.class || type == int.class) {
            return c.intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == Long.class || type == long.class) {
            boolean narrow = officialType == Integer.class || officialType == int.class;
            return narrow ? (long) c.intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE)
                    : c.longBetween(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == Boolean.class || type == boolean.class) {
            return c.bool();
        }
        throw new AssertionError("unexpected component type " + type + " of " + component);
    }

    /** A Gantry header record from component values in declaration order. */
    static Record newGantry(Class<? extends Record> type, Object[] values) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + type, e);
        }
    }

    static Object component(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Object newOfficial(Class<?> official) {
        try {
            var constructor = official.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + official, e);
        }
    }

    static Object get(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    static void set(Field field, Object target, Object gantryValue) {
        try {
            field.set(target, convert(gantryValue, field.getType()));
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** A Gantry component value as the official field's type (both are String/Integer/Long/Boolean or primitives). */
    static Object convert(Object value, Class<?> target) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        if (target == String.class) {
            return text;
        }
        if (target == Integer.class || target == int.class) {
            return Integer.valueOf(text);
        }
        if (target == Long.class || target == long.class) {
            return Long.valueOf(text);
        }
        if (target == Boolean.class || target == boolean.class) {
            return Boolean.valueOf(text);
        }
        throw new AssertionError("no conversion of " + value + " to " + target);
    }

    /** True if the two values mean the same on the wire (compared as their decimal / text forms). */
    static boolean sameValue(Object gantry, Object official) {
        return Objects.equals(gantry == null ? null : gantry.toString(), official == null ? null : official.toString());
    }
}
