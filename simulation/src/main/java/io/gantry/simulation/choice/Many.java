package io.gantry.simulation.choice;

/**
 * Decides, element by element, whether a collection drawn from {@link Choices} goes on. Each
 * optional element is preceded by one recorded yes/no choice, so deleting the pair (choice,
 * element) from a sequence removes exactly that element, and a sequence that ends early simply
 * ends the collection. Elements below the minimum size and the stop at the maximum size are
 * forced and record nothing.
 *
 * <p>Use: {@code Many m = choices.many(1, 10); while (m.more()) { add(choices.intBetween(0, 9)); }}
 */
public final class Many {

    private final Choices choices;
    private final int minSize;
    private final int maxSize;
    private final double continueProbability;
    private int count;
    private boolean ended;

    Many(Choices choices, int minSize, int maxSize, double averageSize) {
        this.choices = choices;
        this.minSize = minSize;
        this.maxSize = maxSize;
        // Geometric number of extra elements with the requested mean: p / (1 - p) = extra.
        double extra = Math.max(0.0, averageSize - minSize);
        this.continueProbability = extra / (extra + 1.0);
    }

    /** True if the caller should draw one more element (and counts it); false once the collection ends. */
    public boolean more() {
        if (count < minSize) {
            count++;
            return true;
        }
        if (ended || count >= maxSize) {
            ended = true;
            return false;
        }
        boolean more = choices.chance(continueProbability);
        if (more) {
            count++;
        } else {
            ended = true;
        }
        return more;
    }

    /** Elements agreed to so far. */
    public int count() {
        return count;
    }
}
