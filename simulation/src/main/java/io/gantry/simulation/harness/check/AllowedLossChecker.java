package io.gantry.simulation.harness.check;

/**
 * {@code allowed-loss}: acknowledged puts the drain never read, whose loss the contract allows given
 * the faults after their ack (e.g. ASYNC_FLUSH and a power loss). Counted, never a violation: the
 * fault-potency test requires the weak modes to show some.
 */
public final class AllowedLossChecker implements Checker {

    @Override
    public String name() {
        return "allowed-loss";
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        Losses l = new Losses(input, index);
        return CheckResult.counted(name(), l.allowedCount, l.allowed);
    }
}
