package io.gantry.simulation.harness;

import io.gantry.broker.config.BrokerRole;
import io.gantry.store.FlushDiskType;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The durability contract as one table, mirroring {@code docs/guarantees.md} (a test parses the doc
 * and compares): for a single store (single master), by flush type and the acknowledgement status a
 * producer saw, which fault classes may lose the acknowledged message. The checkers read every
 * promise from here; nothing else in the harness decides what may be lost.
 *
 * <p>Master/slave groups have their own table ({@link #haRows()}, the doc's "Master and slave" section):
 * by brokerRole, flushDiskType and the SendStatus the producer saw, which faults of the master may lose
 * the message from what the group serves afterwards.
 */
public final class Guarantees {

    /** Acknowledgement statuses a store-level producer can see for an appended message. */
    public enum AckStatus {
        /** PUT_OK, and (SYNC_FLUSH) the durability future completed FLUSHED: the broker's SEND_OK. */
        PUT_OK,
        /** SYNC_FLUSH only: PUT_OK whose durability wait timed out; the broker's FLUSH_DISK_TIMEOUT. */
        FLUSH_DISK_TIMEOUT
    }

    /** One row of the table. */
    public record Row(FlushDiskType flushDiskType, AckStatus status, Set<FaultClass> mayLoseUnder) {
    }

    private static final List<Row> ROWS = List.of(
            new Row(FlushDiskType.SYNC_FLUSH, AckStatus.PUT_OK,
                    EnumSet.of(FaultClass.PERMANENT_DISK_LOSS, FaultClass.BIT_FLIP_AT_REST)),
            new Row(FlushDiskType.SYNC_FLUSH, AckStatus.FLUSH_DISK_TIMEOUT,
                    EnumSet.of(FaultClass.POWER_LOSS, FaultClass.PERMANENT_DISK_LOSS, FaultClass.BIT_FLIP_AT_REST)),
            new Row(FlushDiskType.ASYNC_FLUSH, AckStatus.PUT_OK,
                    EnumSet.of(FaultClass.POWER_LOSS, FaultClass.PERMANENT_DISK_LOSS, FaultClass.BIT_FLIP_AT_REST)));

    private static final Map<FlushDiskType, Map<AckStatus, Set<FaultClass>>> TABLE = index();

    /** What a producer of a master/slave group sees: the client's SendStatus. */
    public enum SendStatus {
        SEND_OK,
        FLUSH_DISK_TIMEOUT,
        FLUSH_SLAVE_TIMEOUT,
        SLAVE_NOT_AVAILABLE
    }

    /**
     * One row of the master/slave table. The fault classes are faults of the master while its slave
     * survives: PROCESS_CRASH (it restarts with its page cache), POWER_LOSS (it restarts without its
     * unforced writes, and the slave cuts what the master lost), PERMANENT_DISK_LOSS (it never comes back;
     * the group serves what the slave has; a power loss after which the master stays down is the same),
     * PARTITION (master and slave cannot talk).
     */
    public record HaRow(BrokerRole brokerRole, FlushDiskType flushDiskType, SendStatus status,
                        Set<FaultClass> mayLoseUnder) {
        public HaRow {
            mayLoseUnder = Set.copyOf(mayLoseUnder);
        }
    }

    private static final Set<FaultClass> RESTART_OR_GONE = EnumSet.of(FaultClass.POWER_LOSS,
            FaultClass.PERMANENT_DISK_LOSS);

    private static final List<HaRow> HA_ROWS = List.of(
            new HaRow(BrokerRole.SYNC_MASTER, FlushDiskType.SYNC_FLUSH, SendStatus.SEND_OK,
                    EnumSet.noneOf(FaultClass.class)),
            new HaRow(BrokerRole.SYNC_MASTER, FlushDiskType.SYNC_FLUSH, SendStatus.FLUSH_DISK_TIMEOUT,
                    EnumSet.of(FaultClass.POWER_LOSS)),
            new HaRow(BrokerRole.SYNC_MASTER, FlushDiskType.SYNC_FLUSH, SendStatus.FLUSH_SLAVE_TIMEOUT, RESTART_OR_GONE),
            new HaRow(BrokerRole.SYNC_MASTER, FlushDiskType.SYNC_FLUSH, SendStatus.SLAVE_NOT_AVAILABLE, RESTART_OR_GONE),
            new HaRow(BrokerRole.SYNC_MASTER, FlushDiskType.ASYNC_FLUSH, SendStatus.SEND_OK,
                    EnumSet.of(FaultClass.POWER_LOSS)),
            new HaRow(BrokerRole.SYNC_MASTER, FlushDiskType.ASYNC_FLUSH, SendStatus.FLUSH_SLAVE_TIMEOUT, RESTART_OR_GONE),
            new HaRow(BrokerRole.SYNC_MASTER, FlushDiskType.ASYNC_FLUSH, SendStatus.SLAVE_NOT_AVAILABLE, RESTART_OR_GONE),
            new HaRow(BrokerRole.ASYNC_MASTER, FlushDiskType.SYNC_FLUSH, SendStatus.SEND_OK,
                    EnumSet.of(FaultClass.PERMANENT_DISK_LOSS)),
            new HaRow(BrokerRole.ASYNC_MASTER, FlushDiskType.SYNC_FLUSH, SendStatus.FLUSH_DISK_TIMEOUT, RESTART_OR_GONE),
            new HaRow(BrokerRole.ASYNC_MASTER, FlushDiskType.ASYNC_FLUSH, SendStatus.SEND_OK, RESTART_OR_GONE));

    /** Every master/slave row, in the doc's order. */
    public static List<HaRow> haRows() {
        return HA_ROWS;
    }

    /**
     * May a message a master/slave group acknowledged with {@code status} be lost when the master
     * suffered the faults of {@code happened} (its slave surviving)? An unlisted combination promises nothing.
     */
    public static boolean mayLose(BrokerRole role, FlushDiskType flushDiskType, SendStatus status,
                                  Set<FaultClass> happened) {
        for (HaRow r : HA_ROWS) {
            if (r.brokerRole() == role && r.flushDiskType() == flushDiskType && r.status() == status) {
                for (FaultClass f : happened) {
                    if (r.mayLoseUnder().contains(f)) {
                        return true;
                    }
                }
                return false;
            }
        }
        return true;
    }

    private Guarantees() {
    }

    private static Map<FlushDiskType, Map<AckStatus, Set<FaultClass>>> index() {
        Map<FlushDiskType, Map<AckStatus, Set<FaultClass>>> t = new EnumMap<>(FlushDiskType.class);
        for (Row r : ROWS) {
            t.computeIfAbsent(r.flushDiskType(), k -> new EnumMap<>(AckStatus.class))
                    .put(r.status(), Set.copyOf(r.mayLoseUnder()));
        }
        return t;
    }

    /** Every row, in the doc's order. */
    public static List<Row> rows() {
        return ROWS;
    }

    /**
     * May a message acknowledged with {@code status} under {@code flushDiskType} be lost when the faults
     * of {@code happened} struck after its acknowledgement? A combination the table does not list
     * (e.g. ASYNC_FLUSH with FLUSH_DISK_TIMEOUT, which cannot happen) promises nothing.
     */
    public static boolean mayLose(FlushDiskType flushDiskType, AckStatus status, Set<FaultClass> happened) {
        Map<AckStatus, Set<FaultClass>> byStatus = TABLE.get(flushDiskType);
        Set<FaultClass> allowed = byStatus == null ? null : byStatus.get(status);
        if (allowed == null) {
            return true;
        }
        for (FaultClass f : happened) {
            if (allowed.contains(f)) {
                return true;
            }
        }
        return false;
    }
}
