package io.gantry.simulation.harness.check;

/**
 * {@code lost}: an acknowledged put whose acknowledgement promised durability against the faults
 * that actually struck after it (per {@link io.gantry.simulation.harness.Guarantees}), and that the
 * final drain never read. Each is a violation.
 */
public final class LostChecker implements Checker {

    @Override
    public String name() {
        return "lost";
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        Losses l = new Losses(input, index);
        return new CheckResult(name(), l.forbiddenCount, l.forbiddenCount, l.forbidden);
    }
}
