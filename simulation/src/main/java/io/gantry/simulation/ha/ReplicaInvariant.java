package io.gantry.simulation.ha;

import io.gantry.store.MessageStore;
import io.gantry.store.ReplicaTruncation;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The replica invariant of master/slave replication: at a quiet moment (the slave connected and caught
 * up), the slave's commit log is a byte prefix of the master's over the range both still hold. A slave
 * may hold bytes the master lost (an unclean master restart) only until it reconnects; it then cuts
 * them, and each such cut is listed by {@link MessageStore#replicaTruncations()}, so a checker can tell
 * a recorded truncation from silent divergence. Reads both stores' files directly; call it between
 * simulation steps, not from node code.
 */
public final class ReplicaInvariant {
    private static final int STEP_BYTES = 64 * 1024;

    private ReplicaInvariant() {
    }

    /**
     * The first offset where the slave's log is not the master's, or -1 if the slave's log (over the
     * range both hold) is a prefix of the master's. A slave longer than its master differs at the
     * master's end.
     */
    public static long firstDifference(MessageStore master, MessageStore slave) {
        long from = Math.max(master.getMinPhyOffset(), slave.getMinPhyOffset());
        long slaveEnd = slave.getMaxPhyOffset();
        long masterEnd = master.getMaxPhyOffset();
        long end = Math.min(slaveEnd, masterEnd);
        long position = from;
        while (position < end) {
            ByteBuffer a = master.readRawCommitLog(position, (int) Math.min(STEP_BYTES, end - position));
            ByteBuffer b = slave.readRawCommitLog(position, (int) Math.min(STEP_BYTES, end - position));
            int n = Math.min(a.remaining(), b.remaining());
            if (n == 0) {
                return position;
            }
            for (int i = 0; i < n; i++) {
                if (a.get(a.position() + i) != b.get(b.position() + i)) {
                    return position + i;
                }
            }
            position += n;
        }
        return slaveEnd > masterEnd ? masterEnd : -1;
    }

    /** Throws naming the offset and the slave's recorded truncations if the invariant does not hold. */
    public static void check(MessageStore master, MessageStore slave) {
        long diff = firstDifference(master, slave);
        if (diff >= 0) {
            List<ReplicaTruncation> cuts = slave.replicaTruncations();
            throw new AssertionError("slave commit log differs from the master's at offset " + diff + " (master ["
                    + master.getMinPhyOffset() + ", " + master.getMaxPhyOffset() + "), slave [" + slave.getMinPhyOffset()
                    + ", " + slave.getMaxPhyOffset() + ")); slave truncations: " + cuts);
        }
    }
}
