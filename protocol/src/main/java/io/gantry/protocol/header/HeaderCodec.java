package io.gantry.protocol.header;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Converts custom-header records to and from extFields.
 *
 * <p>Each record component is one extFields entry; the key is the component name (the official
 * Java field name, case-sensitive). Supported component types: {@code String}, {@code Integer},
 * {@code Long}, {@code Boolean}, {@code int}, {@code long}, {@code boolean} and enums (by name).
 * Values are written as decimal / {@code true}/{@code false} / name; null components are left out,
 * primitives are always written. Decoding ignores unknown keys; a missing primitive takes its zero
 * value; a missing {@link Required} component or an unparsable number fails with a
 * {@link HeaderException} naming the field. Booleans decode like {@code Boolean.parseBoolean}
 * (anything but "true", ignoring case, is false), as the official decoder does.
 */
public final class HeaderCodec {

    private static final ClassValue<Schema> SCHEMAS = new ClassValue<>() {
        @Override
        protected Schema computeValue(Class<?> type) {
            return new Schema(type);
        }
    };

    private HeaderCodec() {
    }

    /** The header's fields as extFields, in component order. */
    public static Map<String, String> encode(Record header) {
        Objects.requireNonNull(header, "header");
        Schema schema = SCHEMAS.get(header.getClass());
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < schema.components.length; i++) {
            RecordComponent component = schema.components[i];
            Object value;
            try {
                value = schema.accessors[i].invoke(header);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + header.getClass(), e);
            }
            if (value != null) {
                fields.put(component.getName(), value instanceof Enum<?> e ? e.name() : value.toString());
            }
        }
        return fields;
    }

    /**
     * Builds a header record from extFields.
     *
     * @throws HeaderException if a required field is missing or a value does not parse
     */
    public static <T extends Record> T decode(Map<String, String> extFields, Class<T> type) {
        Schema schema = SCHEMAS.get(type);
        Object[] args = new Object[schema.components.length];
        for (int i = 0; i < args.length; i++) {
            RecordComponent component = schema.components[i];
            String text = extFields == null ? null : extFields.get(component.getName());
            if (text == null && schema.required[i]) {
                throw HeaderException.missing(type, component.getName());
            }
            args[i] = parse(type, component, text);
        }
        try {
            return type.cast(schema.constructor.newInstance(args));
        } catch (InvocationTargetException e) {
            // A compact constructor rejected the values: report it like a malformed field.
            throw new HeaderException(io.gantry.protocol.remoting.ResponseCode.SYSTEM_ERROR, null,
                    type.getSimpleName() + " rejected its fields: " + e.getCause().getMessage());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot construct " + type, e);
        }
    }

    private static Object parse(Class<?> header, RecordComponent component, String text) {
        Class<?> type = component.getType();
        if (text == null) {
            if (type == int.class) {
                return 0;
            }
            if (type == long.class) {
                return 0L;
            }
            if (type == boolean.class) {
                return false;
            }
            return null;
        }
        String name = component.getName();
        try {
            if (type == String.class) {
                return text;
            }
            if (type == Integer.class || type == int.class) {
                return Integer.parseInt(text.trim());
            }
            if (type == Long.class || type == long.class) {
                return Long.parseLong(text.trim());
            }
            if (type == Boolean.class || type == boolean.class) {
                return Boolean.parseBoolean(text.trim());
            }
        } catch (NumberFormatException e) {
            throw HeaderException.malformed(header, name, text, "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + " number");
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(text.trim())) {
                    return constant;
                }
            }
            throw HeaderException.malformed(header, name, text, "one of the " + type.getSimpleName() + " names");
        }
        throw new IllegalStateException("unsupported header component type " + type + " in " + header);
    }

    private static boolean isSupported(Class<?> type) {
        return type == String.class || type == Integer.class || type == int.class || type == Long.class
                || type == long.class || type == Boolean.class || type == boolean.class || type.isEnum();
    }

    /** What decoding a header class needs, computed once per class. */
    private static final class Schema {
        final RecordComponent[] components;
        final boolean[] required;
        final Constructor<?> constructor;
        /** Looked up once: {@link RecordComponent#getAccessor()} per call showed in send-path profiles. */
        final Method[] accessors;

        Schema(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            components = type.getRecordComponents();
            required = new boolean[components.length];
            accessors = new Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                required[i] = components[i].isAnnotationPresent(Required.class);
                types[i] = components[i].getType();
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                if (!isSupported(types[i])) {
                    throw new IllegalArgumentException("unsupported header component type " + types[i]
                            + " for " + components[i].getName() + " in " + type);
                }
            }
            try {
                constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record without canonical constructor: " + type, e);
            }
        }
    }
}
