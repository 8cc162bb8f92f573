package io.gantry.simulation.harness.check;

import java.util.List;

/**
 * What one named checker found.
 *
 * @param name       the checker's name (lost, allowed-loss, unexpected, ...)
 * @param violations how many times the guarantee broke (a run is valid when every checker has 0)
 * @param count      how many cases the checker counted (for counting checkers such as duplicated)
 * @param examples   a few human-readable examples, at most {@link #MAX_EXAMPLES}
 */
public record CheckResult(String name, long violations, long count, List<String> examples) {

    public static final int MAX_EXAMPLES = 5;

    public CheckResult {
        examples = List.copyOf(examples.subList(0, Math.min(examples.size(), MAX_EXAMPLES)));
    }

    public static CheckResult counted(String name, long count, List<String> examples) {
        return new CheckResult(name, 0, count, examples);
    }

    public boolean ok() {
        return violations == 0;
    }
}
