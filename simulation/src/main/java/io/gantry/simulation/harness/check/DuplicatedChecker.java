package io.gantry.simulation.harness.check;

import java.util.ArrayList;
import java.util.List;

/** {@code duplicated}: values the final drain found at more than one queue offset. Counted. */
public final class DuplicatedChecker implements Checker {

    @Override
    public String name() {
        return "duplicated";
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        long count = 0;
        List<String> examples = new ArrayList<>();
        for (PutIndex.Put p : index.puts().values()) {
            long positions = p.drainReads.stream().map(r -> r.queueOffset()).distinct().count();
            if (positions > 1) {
                count++;
                examples.add(p.invoke.value() + " at " + positions + " offsets");
            }
        }
        return CheckResult.counted(name(), count, examples);
    }
}
