package io.gantry.simulation.harness.check;

import java.util.ArrayList;
import java.util.List;

/** {@code recovered}: indeterminate puts (info, or in flight at a crash) that a reader later saw. Counted. */
public final class RecoveredChecker implements Checker {

    @Override
    public String name() {
        return "recovered";
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        long count = 0;
        List<String> examples = new ArrayList<>();
        for (PutIndex.Put p : index.puts().values()) {
            if (p.indeterminate() && !p.reads.isEmpty()) {
                count++;
                examples.add(p.invoke.value() + (p.completion == null ? " (in flight)" : " (" + p.completion.status() + ")"));
            }
        }
        return CheckResult.counted(name(), count, examples);
    }
}
