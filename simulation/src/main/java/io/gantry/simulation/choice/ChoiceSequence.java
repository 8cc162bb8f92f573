package io.gantry.simulation.choice;

import java.util.Arrays;

/**
 * An immutable sequence of recorded choices: one entry per draw, each an <em>unsigned</em> offset
 * from that draw's simplest value (0 means "the minimum / false / stop / first option").
 *
 * <p>Sequences are ordered shortlex: a shorter sequence is simpler, and among equal lengths the
 * one with the smaller first differing entry is simpler. The shrinker only ever moves to simpler
 * sequences, which is why it terminates.
 *
 * <p>The printed form ({@link #toString()}) is the entries in decimal, comma-separated, e.g.
 * {@code 1,1000}; {@link #parse(String)} reads it back. Trailing zeros carry no information (a
 * replay past the end draws zeros), so {@link Choices#recorded()} leaves them off.
 */
public final class ChoiceSequence implements Comparable<ChoiceSequence> {

    /** The sequence with no entries: every draw gets its simplest value. */
    public static final ChoiceSequence EMPTY = new ChoiceSequence(new long[0]);

    private final long[] entries;

    private ChoiceSequence(long[] entries) {
        this.entries = entries;
    }

    /** A sequence holding a copy of {@code entries} (read as unsigned). */
    public static ChoiceSequence of(long... entries) {
        return entries.length == 0 ? EMPTY : new ChoiceSequence(entries.clone());
    }

    /**
     * Reads the printed form: decimal unsigned entries separated by commas and/or whitespace,
     * optionally inside square brackets. The empty string is the empty sequence.
     *
     * @throws IllegalArgumentException if an entry is not an unsigned 64-bit decimal number
     */
    public static ChoiceSequence parse(String text) {
        String body = text.strip();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1).strip();
        }
        if (body.isEmpty()) {
            return EMPTY;
        }
        String[] parts = body.split("[,\\s]+");
        long[] parsed = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                parsed[i] = Long.parseUnsignedLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "choice " + i + " of '" + text + "' is not an unsigned number: '" + parts[i] + "'", e);
            }
        }
        return new ChoiceSequence(parsed);
    }

    /** Wraps an array the caller hands over and will not touch again. */
    static ChoiceSequence adopt(long[] entries) {
        return entries.length == 0 ? EMPTY : new ChoiceSequence(entries);
    }

    public int size() {
        return entries.length;
    }

    public boolean isEmpty() {
        return entries.length == 0;
    }

    /** Entry {@code index}, to be read as unsigned. */
    public long get(int index) {
        return entries[index];
    }

    /** A copy of the entries. */
    public long[] toArray() {
        return entries.clone();
    }

    /** This sequence with entry {@code index} replaced by {@code value}. */
    public ChoiceSequence with(int index, long value) {
        long[] copy = entries.clone();
        copy[index] = value;
        return new ChoiceSequence(copy);
    }

    /** This sequence without the entries in {@code [from, to)}. */
    public ChoiceSequence without(int from, int to) {
        checkRange(from, to);
        long[] copy = new long[entries.length - (to - from)];
        System.arraycopy(entries, 0, copy, 0, from);
        System.arraycopy(entries, to, copy, from, entries.length - to);
        return adopt(copy);
    }

    /** This sequence with the entries in {@code [from, to)} set to zero. */
    public ChoiceSequence zeroed(int from, int to) {
        checkRange(from, to);
        long[] copy = entries.clone();
        Arrays.fill(copy, from, to, 0L);
        return new ChoiceSequence(copy);
    }

    /** The first {@code length} entries. */
    public ChoiceSequence prefix(int length) {
        checkRange(0, length);
        return length == entries.length ? this : adopt(Arrays.copyOf(entries, length));
    }

    /** This sequence without its trailing zero entries, which a replay would draw anyway. */
    public ChoiceSequence withoutTrailingZeros() {
        int length = entries.length;
        while (length > 0 && entries[length - 1] == 0) {
            length--;
        }
        return prefix(length);
    }

    /** Shortlex: shorter first, then the first differing entry compared unsigned. */
    @Override
    public int compareTo(ChoiceSequence other) {
        if (entries.length != other.entries.length) {
            return Integer.compare(entries.length, other.entries.length);
        }
        for (int i = 0; i < entries.length; i++) {
            int byEntry = Long.compareUnsigned(entries[i], other.entries[i]);
            if (byEntry != 0) {
                return byEntry;
            }
        }
        return 0;
    }

    /** True if this sequence is strictly simpler than {@code other} in shortlex order. */
    public boolean isSimplerThan(ChoiceSequence other) {
        return compareTo(other) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChoiceSequence other && Arrays.equals(entries, other.entries);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(entries);
    }

    /** The printed form, e.g. {@code 1,1000}; {@link #parse(String)} reads it back. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(entries.length * 4);
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(Long.toUnsignedString(entries[i]));
        }
        return out.toString();
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > entries.length || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + entries.length);
        }
    }
}
