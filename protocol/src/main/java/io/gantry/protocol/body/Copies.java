package io.gantry.protocol.body;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * Defensive, order-keeping, unmodifiable copies for body records. Null becomes empty, because
 * the official decoder leaves missing collections empty-or-null and Gantry code should not have to
 * check. Insertion order is kept so that iteration, and so simulation runs, are deterministic.
 */
final class Copies {

    private Copies() {
    }

    static <T> List<T> list(List<T> source) {
        return source == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(source));
    }

    static <T> Set<T> set(Set<T> source) {
        return source == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(source));
    }

    static <K, V> Map<K, V> map(Map<K, V> source) {
        return source == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /** Like {@link #map} but keeps null as null, for optional maps the official encoder leaves out. */
    static <K, V> Map<K, V> optionalMap(Map<K, V> source) {
        return source == null ? null : map(source);
    }
}
