package io.gantry.simulation.harness.check;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code liveness}: after the heal, every probe put is acknowledged and the drain reads every queue
 * to its end, within {@link CheckInput#livenessBoundMs()} of simulated time. A store that refuses
 * to start is live only if a bit flip at rest was injected (refusing corrupt data is the contract).
 */
public final class LivenessChecker implements Checker {

    @Override
    public String name() {
        return "liveness";
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        List<String> problems = new ArrayList<>();
        if (input.refusedStart()) {
            if (!index.bitFlipHappened()) {
                problems.add("store refused to start after the heal without any bit flip");
            }
            return new CheckResult(name(), problems.size(), 1, problems.isEmpty()
                    ? List.of("store refused to start after a bit flip (detected corruption)") : problems);
        }
        if (input.probesAcked() < input.probes()) {
            problems.add(input.probesAcked() + " of " + input.probes() + " puts acknowledged within "
                    + input.livenessBoundMs() + " ms of the heal");
        }
        if (!input.drained()) {
            problems.add("the drain did not finish");
        } else if (input.drainDoneAtMs() - input.healAtMs() > input.livenessBoundMs()) {
            problems.add("the drain finished " + (input.drainDoneAtMs() - input.healAtMs()) + " ms after the heal");
        }
        return new CheckResult(name(), problems.size(), input.probes(), problems);
    }
}
