package io.gantry.simulation.harness.cluster;

import io.gantry.simulation.harness.FaultClass;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.Guarantees;
import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.PutIndex;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Splits acknowledged sends that the final drain never read into losses the contract forbids and
 * losses it allows. The promise comes from {@link Guarantees} with the broker's SendStatus mapped to
 * the table's status ({@link #ackStatus}) and only the fault classes that struck <em>the broker
 * that acknowledged</em> after the acknowledgement (a power loss on broker-b does not excuse a loss
 * on broker-a).
 */
final class ClusterLosses {

    final List<String> forbidden = new ArrayList<>();
    final List<String> allowed = new ArrayList<>();
    long forbiddenCount;
    long allowedCount;

    ClusterLosses(CheckInput input, PutIndex index) {
        List<HistoryEntry> classFaults = input.history().entries().stream()
                .filter(e -> e.type() == HistoryEntry.Type.FAULT && classOf(e) != null).toList();
        for (PutIndex.Put p : index.puts().values()) {
            if (!p.acked() || !p.drainReads.isEmpty()) {
                continue;
            }
            String broker = brokerOf(p.completion);
            Set<FaultClass> after = EnumSet.noneOf(FaultClass.class);
            for (HistoryEntry f : classFaults) {
                if (f.index() > p.completion.index() && broker.equals(f.value())) {
                    after.add(classOf(f));
                }
            }
            Guarantees.AckStatus status = ackStatus(p.completion.status());
            String what = p.invoke.value() + " (" + p.completion.status() + " at " + p.completion.timeMs() + " ms, "
                    + p.completion.topic() + "/" + p.completion.queue() + "@" + p.completion.queueOffset()
                    + ", faults on " + broker + " after ack " + after + ")";
            if (status != null && !Guarantees.mayLose(input.flushDiskType(), status, after)) {
                forbiddenCount++;
                forbidden.add(what);
            } else {
                allowedCount++;
                allowed.add(what);
            }
        }
    }

    /**
     * The table's status for a broker's SendStatus: SEND_OK is PUT_OK (flushed under SYNC_FLUSH,
     * appended under ASYNC_FLUSH); FLUSH_DISK_TIMEOUT is itself. FLUSH_SLAVE_TIMEOUT and
     * SLAVE_NOT_AVAILABLE promise nothing until the HA rows land (null: counted as allowed).
     */
    static Guarantees.AckStatus ackStatus(String sendStatus) {
        if (sendStatus == null) {
            return null;
        }
        return switch (sendStatus) {
            case "SEND_OK" -> Guarantees.AckStatus.PUT_OK;
            case "FLUSH_DISK_TIMEOUT" -> Guarantees.AckStatus.FLUSH_DISK_TIMEOUT;
            default -> null;
        };
    }

    /** The broker (node) named by a completion's topic@broker field. */
    static String brokerOf(HistoryEntry e) {
        String t = e.topic();
        int at = t == null ? -1 : t.lastIndexOf('@');
        return at < 0 ? "" : t.substring(at + 1);
    }

    static FaultClass classOf(HistoryEntry fault) {
        try {
            return FaultKind.fromLabel(fault.op()).faultClass();
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
