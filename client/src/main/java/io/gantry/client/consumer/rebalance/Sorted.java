package io.gantry.client.consumer.rebalance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Sorted, de-duplicated copies of strategy inputs. */
final class Sorted {

    private Sorted() {
    }

    static <T extends Comparable<T>> List<T> distinct(Collection<T> values) {
        return new ArrayList<>(new TreeSet<>(values));
    }
}
