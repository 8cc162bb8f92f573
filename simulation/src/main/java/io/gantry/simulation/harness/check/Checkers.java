package io.gantry.simulation.harness.check;

import io.gantry.simulation.harness.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The store-level checker set, fresh per run, and running it over a finished history. */
public final class Checkers {

    private Checkers() {
    }

    /** New checkers for one run, in report order. */
    public static List<Checker> storeCheckers() {
        return List.of(new LostChecker(), new AllowedLossChecker(), new UnexpectedChecker(), new DuplicatedChecker(),
                new RecoveredChecker(), new OffsetsChecker(), new LivenessChecker());
    }

    /** Subscribes the checkers' cheap invariants to the history. */
    public static void attach(History history, List<Checker> checkers) {
        for (Checker c : checkers) {
            history.observe(c::observe);
        }
    }

    /** The verdicts by checker name, in order. */
    public static Map<String, CheckResult> finish(CheckInput input, List<Checker> checkers) {
        PutIndex index = new PutIndex(input.history());
        Map<String, CheckResult> out = new LinkedHashMap<>();
        for (Checker c : checkers) {
            out.put(c.name(), c.finish(input, index));
        }
        return out;
    }
}
