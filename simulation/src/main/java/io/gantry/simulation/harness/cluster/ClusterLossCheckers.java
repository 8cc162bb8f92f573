package io.gantry.simulation.harness.cluster;

import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.PutIndex;

/** {@code lost} and {@code allowed-loss} for clusters, over {@link ClusterLosses}. */
final class ClusterLossCheckers {

    private ClusterLossCheckers() {
    }

    /** {@code lost}: an acknowledged send whose promise covered the faults on its broker, missing from the drain. */
    static Checker lost() {
        return lost(null);
    }

    /** {@code lost}, with groups' roles and slaves from {@code spec} (null: single-master rows only). */
    static Checker lost(ClusterSpec spec) {
        return new Checker() {
            @Override
            public String name() {
                return "lost";
            }

            @Override
            public CheckResult finish(CheckInput input, PutIndex index) {
                ClusterLosses l = new ClusterLosses(input, index, spec);
                return new CheckResult(name(), l.forbiddenCount, l.forbiddenCount, l.forbidden);
            }
        };
    }

    /** {@code allowed-loss}: missing acknowledged sends whose loss the table allows. Counted. */
    static Checker allowedLoss() {
        return allowedLoss(null);
    }

    /** {@code allowed-loss}, with groups' roles and slaves from {@code spec} (null: single-master rows only). */
    static Checker allowedLoss(ClusterSpec spec) {
        return new Checker() {
            @Override
            public String name() {
                return "allowed-loss";
            }

            @Override
            public CheckResult finish(CheckInput input, PutIndex index) {
                ClusterLosses l = new ClusterLosses(input, index, spec);
                return CheckResult.counted(name(), l.allowedCount, l.allowed);
            }
        };
    }
}
