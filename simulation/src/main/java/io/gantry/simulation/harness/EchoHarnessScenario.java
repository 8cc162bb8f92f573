package io.gantry.simulation.harness;

import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.toy.EchoRunResult;
import io.gantry.simulation.toy.EchoScenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The foundation's echo toy ({@link EchoScenario}) as a harness scenario named {@code echo}. It
 * draws its own faults from the seed and keeps no history, so it has no schedule to replay or shrink;
 * its two checks are {@code order} (echoes in send order per connection) and {@code liveness}
 * (echoes resume after the heal).
 */
public final class EchoHarnessScenario implements Scenario {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "two-node echo toy under partitions, resets, crashes, power loss, pauses and clock jumps";
    }

    @Override
    public boolean supportsSchedules() {
        return false;
    }

    @Override
    public FaultSchedule schedule(long seed) {
        return new FaultSchedule(name(), seed, 0, 0, List.of());
    }

    @Override
    public RunResult run(FaultSchedule schedule) {
        if (!schedule.events().isEmpty()) {
            throw new IllegalArgumentException("the echo toy draws its own faults; it cannot replay a schedule");
        }
        EchoRunResult r = EchoScenario.run(schedule.seed());
        Map<String, CheckResult> checks = new LinkedHashMap<>();
        checks.put("order", new CheckResult("order", r.orderViolations(), r.echoed(), List.of()));
        checks.put("liveness", new CheckResult("liveness", r.echoedAfterHeal() > 0 ? 0 : 1, r.echoedAfterHeal(),
                r.echoedAfterHeal() > 0 ? List.of() : List.of("no echo after the heal")));
        return new RunResult(r.seed(), name(), r.traceHash(), r.simulatedMs(), r.wallMs(), r.events(), checks,
                r.faults(), null, null);
    }
}
