package io.gantry.protocol.remoting;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/** Reverse lookup from a code to its constant name, built once per constants class by reflection. */
final class CodeNames {

    private static final ClassValue<Map<Integer, String>> NAMES = new ClassValue<>() {
        @Override
        protected Map<Integer, String> computeValue(Class<?> type) {
            Map<Integer, String> names = new HashMap<>();
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                    try {
                        // First name wins where 5.x reuses a number (e.g. 209 .. 211 in ResponseCode).
                        names.putIfAbsent(field.getInt(null), field.getName());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return Map.copyOf(names);
        }
    };

    private CodeNames() {
    }

    static String nameOf(Class<?> constants, int code) {
        String name = NAMES.get(constants).get(code);
        return name != null ? name : "UNKNOWN(" + code + ")";
    }
}
