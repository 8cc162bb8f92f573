package io.gantry.simulation.harness;

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
 * <p>Master/slave roles (SYNC_MASTER, ASYNC_MASTER) are not in the table yet: the HA work adds them.
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
