package io.gantry.simulation.harness.check;

import io.gantry.simulation.harness.History;
import io.gantry.store.FlushDiskType;

/**
 * What the end-of-run checkers need besides the history: the store's mode and what the scenario
 * observed while healing and draining.
 *
 * @param history             the whole run
 * @param flushDiskType       the store's flush mode (the contract's key)
 * @param readImpliesDurable  true when readers see only durable records (the durable-read rule), so
 *                            a read message can never be rolled back
 * @param drained             the final drain read every queue to its end
 * @param refusedStart        the store refused to start after the heal (corruption detected)
 * @param healAtMs            when every fault was healed
 * @param livenessBoundMs     how long after the heal puts must succeed and the drain finish
 * @param probes              puts invoked after the heal to test liveness
 * @param probesAcked         of those, how many were acknowledged within the bound
 * @param drainDoneAtMs       when the drain finished (-1 if it did not)
 */
public record CheckInput(History history, FlushDiskType flushDiskType, boolean readImpliesDurable,
                         boolean drained, boolean refusedStart, long healAtMs, long livenessBoundMs,
                         int probes, int probesAcked, long drainDoneAtMs) {
}
