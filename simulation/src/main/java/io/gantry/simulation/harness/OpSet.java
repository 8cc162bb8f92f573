package io.gantry.simulation.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable set of workload operation numbers (1-based, in invoke order), kept as sorted,
 * disjoint, non-adjacent inclusive ranges so a shrunk schedule that drops thousands of operations
 * still writes as one short field ({@code "1-40,52,60-99"}). The shrinker uses it to say which
 * workload operations a run leaves out.
 */
public final class OpSet {

    /** Most ranges a set may hold, so a schedule file cannot make lookups unbounded. */
    public static final int MAX_RANGES = 100_000;

    public static final OpSet EMPTY = new OpSet(new int[0], new int[0]);

    private final int[] from;
    private final int[] to;

    private OpSet(int[] from, int[] to) {
        assert from.length == to.length;
        this.from = from;
        this.to = to;
    }

    public boolean isEmpty() {
        return from.length == 0;
    }

    /** Operation numbers in the set. */
    public long size() {
        long n = 0;
        for (int i = 0; i < from.length; i++) {
            n += (long) to[i] - from[i] + 1;
        }
        return n;
    }

    public boolean contains(int op) {
        int lo = 0;
        int hi = from.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (op < from[mid]) {
                hi = mid - 1;
            } else if (op > to[mid]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** This set plus the operations {@code first..last} (inclusive). */
    public OpSet plus(int first, int last) {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("bad operation range " + first + "-" + last);
        }
        List<int[]> ranges = new ArrayList<>();
        boolean placed = false;
        for (int i = 0; i < from.length; i++) {
            if (!placed && first < from[i]) {
                ranges.add(new int[] {first, last});
                placed = true;
            }
            ranges.add(new int[] {from[i], to[i]});
        }
        if (!placed) {
            ranges.add(new int[] {first, last});
        }
        return of(ranges);
    }

    /** Sorted ranges, merged where they overlap or touch. */
    private static OpSet of(List<int[]> sorted) {
        List<int[]> merged = new ArrayList<>();
        for (int[] r : sorted) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && (long) r[0] <= (long) last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        if (merged.size() > MAX_RANGES) {
            throw new IllegalArgumentException("more than " + MAX_RANGES + " operation ranges");
        }
        int[] f = new int[merged.size()];
        int[] t = new int[merged.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = merged.get(i)[0];
            t[i] = merged.get(i)[1];
        }
        return new OpSet(f, t);
    }

    /** The file form: {@code "1-40,52"}; empty for the empty set. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < from.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(from[i]);
            if (to[i] != from[i]) {
                sb.append('-').append(to[i]);
            }
        }
        return sb.toString();
    }

    public static OpSet parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] ends = part.trim().split("-", 2);
            int first = Integer.parseInt(ends[0].trim());
            int last = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : first;
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("bad operation range: " + part);
            }
            ranges.add(new int[] {first, last});
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        return of(ranges);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpSet other && java.util.Arrays.equals(from, other.from)
                && java.util.Arrays.equals(to, other.to);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(from) + java.util.Arrays.hashCode(to);
    }

    @Override
    public String toString() {
        return "OpSet[" + toText() + "]";
    }
}
