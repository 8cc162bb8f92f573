package io.gantry.simulation.harness.cluster;

import io.gantry.broker.config.BrokerRole;
import io.gantry.simulation.harness.FaultClass;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.Guarantees;
import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.PutIndex;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import io.gantry.store.FlushDiskType;
import java.util.Set;

/**
 * Splits acknowledged sends that the final drain never read into losses the contract forbids and
 * losses it allows. The promise comes from {@link Guarantees} with the broker's SendStatus mapped to
 * the table's status ({@link #ackStatus}) and only the fault classes that struck <em>the broker
 * that acknowledged</em> after the acknowledgement (a power loss on broker-b does not excuse a loss
 * on broker-a).
 *
 * <p>Groups with slaves read the master/slave table ({@link Guarantees#mayLose(BrokerRole, FlushDiskType,
 * Guarantees.SendStatus, Set)}) with the fault classes that struck the group's <em>master</em> (node
 * {@code brokerName}) after the ack: the table's columns are faults of the master while its slave
 * survives, and a fault of a slave alone never loses an acknowledged message. When a slave
 * (node {@code brokerName-sN}) also lost power or its disk after the ack, both machines failed and
 * only the master's single-store row holds ({@link #haMayLose}).
 */
final class ClusterLosses {

    /** History op of the drain's note that a group's served log starts past offset 0 (retention deleted segments). */
    static final String RETENTION_FLOOR = "retention-floor";

    final List<String> forbidden = new ArrayList<>();
    final List<String> allowed = new ArrayList<>();
    long forbiddenCount;
    long allowedCount;

    ClusterLosses(CheckInput input, PutIndex index) {
        this(input, index, null);
    }

    /** As {@link #ClusterLosses(CheckInput, PutIndex)}, with the groups' roles and slaves from {@code spec}. */
    ClusterLosses(CheckInput input, PutIndex index, ClusterSpec spec) {
        List<HistoryEntry> classFaults = input.history().entries().stream()
                .filter(e -> e.type() == HistoryEntry.Type.FAULT && classOf(e) != null).toList();
        java.util.Map<String, Long> floors = new java.util.HashMap<>();
        for (HistoryEntry e : input.history().entries()) {
            if (e.type() == HistoryEntry.Type.INFO && RETENTION_FLOOR.equals(e.op())) {
                floors.put(e.value(), e.physicalOffset());
            }
        }
        for (PutIndex.Put p : index.puts().values()) {
            if (!p.acked() || !p.drainReads.isEmpty()) {
                continue;
            }
            String broker = brokerOf(p.completion);
            long physical = physicalOffsetOf(p.completion);
            if (physical >= 0 && physical < floors.getOrDefault(broker, 0L)) {
                // Deleted by retention under disk pressure (RocketMQ's forced clean, by configuration), not by a fault.
                allowedCount++;
                allowed.add(p.invoke.value() + " (" + p.completion.status() + ") at commit-log offset " + physical
                        + ", below " + broker + "'s retention floor " + floors.get(broker));
                continue;
            }
            Set<FaultClass> after = EnumSet.noneOf(FaultClass.class);
            Set<FaultClass> slavesAfter = EnumSet.noneOf(FaultClass.class);
            String slavePrefix = broker + "-s";
            for (HistoryEntry f : classFaults) {
                if (f.index() > p.completion.index() && broker.equals(f.value())) {
                    after.add(classOf(f));
                } else if (f.index() > p.completion.index() && f.value() != null && f.value().startsWith(slavePrefix)) {
                    slavesAfter.add(classOf(f));
                }
            }
            ClusterSpec.GroupSpec group = spec == null ? null : spec.groups().stream()
                    .filter(g -> g.brokerName().equals(broker)).findFirst().orElse(null);
            String what = p.invoke.value() + " (" + p.completion.status() + " at " + p.completion.timeMs() + " ms, "
                    + p.completion.topic() + "/" + p.completion.queue() + "@" + p.completion.queueOffset()
                    + ", faults on " + broker + " after ack " + after
                    + (group != null && group.slaves() > 0 ? ", on its slaves " + slavesAfter : "") + ")";
            boolean mayLose;
            if (group != null && group.slaves() > 0) {
                mayLose = haMayLose(group, p.completion.status(), after, slavesAfter);
            } else {
                Guarantees.AckStatus status = ackStatus(p.completion.status());
                mayLose = status == null || Guarantees.mayLose(input.flushDiskType(), status, after);
            }
            if (!mayLose) {
                forbiddenCount++;
                forbidden.add(what);
            } else {
                allowedCount++;
                allowed.add(what);
            }
        }
    }

    /**
     * May a send acknowledged with {@code sendStatus} by a group with slaves be lost, given the fault
     * classes that struck its master and (any of) its slaves after the ack? The master/slave row for
     * the master's faults; when a slave lost power or its disk too, also the master's single-store row
     * (SEND_OK and FLUSH_DISK_TIMEOUT as themselves; FLUSH_SLAVE_TIMEOUT and SLAVE_NOT_AVAILABLE say
     * nothing about the master's flush, so they count as FLUSH_DISK_TIMEOUT). Unknown statuses promise nothing.
     */
    static boolean haMayLose(ClusterSpec.GroupSpec group, String sendStatus, Set<FaultClass> masterFaults,
                             Set<FaultClass> slaveFaults) {
        Guarantees.SendStatus status = sendStatus(sendStatus);
        if (status == null) {
            return true;
        }
        if (Guarantees.mayLose(group.masterRole(), group.flushDiskType(), status, masterFaults)) {
            return true;
        }
        boolean bothFailed = slaveFaults.contains(FaultClass.POWER_LOSS)
                || slaveFaults.contains(FaultClass.PERMANENT_DISK_LOSS);
        if (!bothFailed) {
            return false;
        }
        Guarantees.AckStatus single = switch (status) {
            case SEND_OK -> Guarantees.AckStatus.PUT_OK;
            case FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE ->
                    group.flushDiskType() == FlushDiskType.SYNC_FLUSH ? Guarantees.AckStatus.FLUSH_DISK_TIMEOUT
                            : Guarantees.AckStatus.PUT_OK;
        };
        return Guarantees.mayLose(group.flushDiskType(), single, masterFaults);
    }

    /** The master/slave table's status for a client's SendStatus name, or null for anything else. */
    static Guarantees.SendStatus sendStatus(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Guarantees.SendStatus.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * The table's status for a broker's SendStatus: SEND_OK is PUT_OK (flushed under SYNC_FLUSH,
     * appended under ASYNC_FLUSH); FLUSH_DISK_TIMEOUT is itself. FLUSH_SLAVE_TIMEOUT and
     * SLAVE_NOT_AVAILABLE have no single-store row (groups with slaves use {@link #haMayLose}).
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

    /** The commit-log offset in an ack's {@code offsetMsgId=} (its last 16 hex digits), or -1. */
    static long physicalOffsetOf(HistoryEntry completion) {
        String d = completion.detail();
        int at = d == null ? -1 : d.indexOf("offsetMsgId=");
        if (at < 0 || at + "offsetMsgId=".length() + 32 > d.length()) {
            return -1;
        }
        String id = d.substring(at + "offsetMsgId=".length(), at + "offsetMsgId=".length() + 32);
        try {
            return Long.parseUnsignedLong(id.substring(16), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
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
