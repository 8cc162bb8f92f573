package io.gantry.simulation.harness.cluster;

import io.gantry.broker.Broker;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.PutIndex;
import io.gantry.store.MessageStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code replicas}: the replica invariant of master/slave groups (docs/ha.md), checked two ways.
 *
 * <ul>
 *   <li>At check points during the run ({@link #sample}): for every slave that is connected to its
 *       master and that the master counts as in sync (the handshake passed, so any divergence was
 *       already cut, a recorded truncation), the slave's commit log must be a byte prefix of the
 *       master's over the range both hold. A slave that is disconnected, or not yet past the
 *       handshake, may legitimately hold bytes its restarted master lost; it is not judged then.
 *       The comparison is incremental: the prefix already verified for a (master incarnation, slave
 *       incarnation, slave truncation count) is not read again, so a sample costs the new bytes only.</li>
 *   <li>After the heal, the drain and the consumers' catch-up ({@link #awaitConvergence}): every
 *       replica of every group reaches the master's end offset within a bound and holds exactly the
 *       master's bytes.</li>
 * </ul>
 *
 * Reads the stores directly, between world events (never from node code). Counts compared samples.
 */
final class ReplicasChecker implements Checker {

    static final int MAX_EXAMPLES = 20;
    static final int STEP_BYTES = 64 * 1024;

    private final Map<String, Verified> verified = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long violationCount;
    private long samples;

    private record Verified(String key, long upTo) {
    }

    @Override
    public String name() {
        return "replicas";
    }

    /** One check point: compares each in-sync slave with its master. */
    void sample(long nowMs, List<List<BrokerProcess>> groups) {
        for (List<BrokerProcess> members : groups) {
            BrokerProcess masterProcess = members.get(0);
            Broker master = masterProcess.broker();
            if (master == null || master.store() == null || master.haServer() == null
                    || master.haServer().inSyncSlaves() < members.size() - 1) {
                continue;
            }
            for (BrokerProcess slaveProcess : members.subList(1, members.size())) {
                Broker slave = slaveProcess.broker();
                if (slave == null || slave.store() == null || slave.haClient() == null || !slave.haClient().connected()) {
                    continue;
                }
                MessageStore m = master.store();
                MessageStore s = slave.store();
                String key = masterProcess.node().incarnation() + "/" + slaveProcess.node().incarnation() + "/"
                        + s.replicaTruncations().size();
                Verified prior = verified.get(slaveProcess.id());
                long from = prior != null && prior.key().equals(key) ? prior.upTo() : 0;
                long diff = firstDifference(m, s, from);
                samples++;
                if (diff >= 0) {
                    violation(nowMs + " ms: " + slaveProcess.id() + " (connected, in sync) differs from "
                            + masterProcess.id() + " at offset " + diff + describe(m, s));
                    verified.remove(slaveProcess.id());
                } else {
                    verified.put(slaveProcess.id(), new Verified(key, Math.min(m.getMaxPhyOffset(), s.getMaxPhyOffset())));
                }
            }
        }
    }

    /**
     * Runs the world until every group's slaves are connected, in sync and at the master's end
     * offset (or until {@code deadlineMs}), then compares every slave's whole log with its master's.
     */
    void awaitConvergence(SimWorld world, List<List<BrokerProcess>> groups, long deadlineMs) {
        world.runUntil(() -> groups.stream().allMatch(ReplicasChecker::caughtUp), Math.max(0, deadlineMs - world.nowMs()));
        for (List<BrokerProcess> members : groups) {
            BrokerProcess masterProcess = members.get(0);
            for (BrokerProcess slaveProcess : members.subList(1, members.size())) {
                Broker master = masterProcess.broker();
                Broker slave = slaveProcess.broker();
                if (master == null || slave == null || master.store() == null || slave.store() == null) {
                    violation("after the heal: " + slaveProcess.id() + " or " + masterProcess.id() + " not serving");
                    continue;
                }
                MessageStore m = master.store();
                MessageStore s = slave.store();
                samples++;
                if (m.getMaxPhyOffset() != s.getMaxPhyOffset()) {
                    violation("after the heal: " + slaveProcess.id() + " did not converge by " + deadlineMs + " ms"
                            + describe(m, s));
                    continue;
                }
                long diff = firstDifference(m, s, 0);
                if (diff >= 0) {
                    violation("after the heal: " + slaveProcess.id() + " differs from " + masterProcess.id()
                            + " at offset " + diff + describe(m, s));
                }
            }
        }
    }

    private static boolean caughtUp(List<BrokerProcess> members) {
        Broker master = members.get(0).broker();
        if (master == null || master.store() == null || master.haServer() == null
                || master.haServer().inSyncSlaves() < members.size() - 1) {
            return false;
        }
        long end = master.store().getMaxPhyOffset();
        for (BrokerProcess p : members.subList(1, members.size())) {
            Broker slave = p.broker();
            if (slave == null || slave.store() == null || slave.haClient() == null || !slave.haClient().connected()
                    || slave.store().getMaxPhyOffset() != end) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first offset at or after {@code from} where the slave's log is not the master's over the
     * range both hold, or -1. A slave longer than its master differs at the master's end.
     */
    static long firstDifference(MessageStore master, MessageStore slave, long from) {
        long position = Math.max(from, Math.max(master.getMinPhyOffset(), slave.getMinPhyOffset()));
        long masterEnd = master.getMaxPhyOffset();
        long slaveEnd = slave.getMaxPhyOffset();
        long end = Math.min(masterEnd, slaveEnd);
        while (position < end) {
            int want = (int) Math.min(STEP_BYTES, end - position);
            ByteBuffer a = master.readRawCommitLog(position, want);
            ByteBuffer b = slave.readRawCommitLog(position, want);
            int n = Math.min(a.remaining(), b.remaining());
            if (n == 0) {
                return position;
            }
            int mismatch = a.slice(a.position(), n).mismatch(b.slice(b.position(), n));
            if (mismatch >= 0) {
                return position + mismatch;
            }
            position += n;
        }
        return slaveEnd > masterEnd ? masterEnd : -1;
    }

    private static String describe(MessageStore m, MessageStore s) {
        return " (master [" + m.getMinPhyOffset() + ", " + m.getMaxPhyOffset() + "), slave [" + s.getMinPhyOffset()
                + ", " + s.getMaxPhyOffset() + "), slave truncations " + s.replicaTruncations() + ")";
    }

    private void violation(String what) {
        violationCount++;
        if (violations.size() < MAX_EXAMPLES) {
            violations.add(what);
        }
    }

    @Override
    public CheckResult finish(CheckInput input, PutIndex index) {
        return new CheckResult(name(), violationCount, samples, violations);
    }
}
