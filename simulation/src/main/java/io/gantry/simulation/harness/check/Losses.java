package io.gantry.simulation.harness.check;

import io.gantry.simulation.harness.FaultClass;
import io.gantry.simulation.harness.Guarantees;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits acknowledged puts that the final drain never read into losses the contract forbids and
 * losses it allows, asking {@link Guarantees} with the fault classes that struck after each ack.
 */
final class Losses {

    final List<String> forbidden = new ArrayList<>();
    final List<String> allowed = new ArrayList<>();
    long forbiddenCount;
    long allowedCount;

    Losses(CheckInput input, PutIndex index) {
        for (PutIndex.Put p : index.puts().values()) {
            if (!p.acked() || !p.drainReads.isEmpty()) {
                continue;
            }
            Guarantees.AckStatus status = ackStatus(p.completion.status());
            Set<FaultClass> after = index.classesAfter(p.completion.index());
            String what = p.invoke.value() + " (" + p.completion.status() + " at " + p.completion.timeMs()
                    + " ms, " + p.invoke.topic() + "/" + p.invoke.queue() + "@" + p.completion.queueOffset()
                    + ", faults after ack " + after + ")";
            // A store that refuses to start on detected corruption has lost everything, as the contract allows.
            boolean refusedOnCorruption = input.refusedStart() && index.bitFlipHappened();
            if (status != null && !refusedOnCorruption && !Guarantees.mayLose(input.flushDiskType(), status, after)) {
                forbiddenCount++;
                forbidden.add(what);
            } else {
                allowedCount++;
                allowed.add(what);
            }
        }
    }

    static Guarantees.AckStatus ackStatus(String status) {
        // A broker's SEND_OK is the store's PUT_OK (flushed under SYNC_FLUSH, appended under ASYNC_FLUSH).
        if ("SEND_OK".equals(status)) {
            return Guarantees.AckStatus.PUT_OK;
        }
        try {
            return Guarantees.AckStatus.valueOf(status);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
