package io.gantry.simulation.harness.cluster;

import io.gantry.broker.config.BrokerRole;
import io.gantry.protocol.body.MessageModel;
import io.gantry.simulation.TraceHash;
import io.gantry.simulation.harness.FaultEvent;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.simulation.harness.FaultSchedule;
import io.gantry.simulation.harness.RunResult;
import io.gantry.simulation.harness.Scenario;
import io.gantry.store.FlushDiskType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A broker-cluster scenario: a {@link ClusterSpec} run by {@link ClusterRun} under a swarm fault
 * schedule drawn from the seed. The named factories are the catalogue (see docs/simulation.md).
 */
public final class ClusterScenario implements Scenario {

    /** Faults are injected for this long, then everything heals. */
    public static final long FAULT_PHASE_MS = 30_000;
    public static final int DEFAULT_MAX_OPS = 100_000;
    public static final int QUEUES_PER_BROKER = 4;
    /** Fault intensities a seed can draw: the share (per mille) of the swarm draw's events kept. */
    static final int[] KEEP_PER_MILLE = {50, 100, 200, 400};

    /** Every kind the cluster nemesis knows. */
    public static final Set<FaultKind> ALL_KINDS = EnumSet.of(FaultKind.CRASH, FaultKind.POWER_LOSS, FaultKind.PAUSE,
            FaultKind.CLOCK_JUMP, FaultKind.CLOCK_SKEW, FaultKind.WRITE_EIO, FaultKind.FORCE_EIO, FaultKind.ENOSPC,
            FaultKind.SLOW_DISK, FaultKind.PARTITION_HALVES, FaultKind.ISOLATE, FaultKind.PARTITION_RING,
            FaultKind.PARTITION_BRIDGE, FaultKind.PARTITION_ONE_WAY, FaultKind.CLOG, FaultKind.CONNECTION_RESET);

    private final String name;
    private final String description;
    private final ClusterSpec spec;
    private final boolean earlyAck;

    public ClusterScenario(String name, String description, ClusterSpec spec) {
        this(name, description, spec, false);
    }

    private ClusterScenario(String name, String description, ClusterSpec spec, boolean earlyAck) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.earlyAck = earlyAck;
    }

    /**
     * BROKEN ON PURPOSE, never part of "all": single-sync whose brokers answer SEND_OK before the force
     * (their stores really run ASYNC_FLUSH while the contract is checked as SYNC_FLUSH). The
     * {@code lost} checker must catch it on some seed with a power loss, and the shrinker reduce it.
     */
    public static ClusterScenario singleSyncEarlyAckBroken() {
        ClusterScenario base = singleSync();
        return new ClusterScenario("single-sync-early-ack",
                "BROKEN ON PURPOSE: SYNC_FLUSH broker acking before the force; " + base.description, base.spec, true);
    }

    /** True for the deliberately broken variant: brokers ack before forcing. */
    boolean earlyAck() {
        return earlyAck;
    }

    private static ClusterSpec spec(List<ClusterSpec.GroupSpec> groups, int producers, int consumers,
                                    ClusterSpec.ConsumerKind kind, MessageModel model, ClusterSpec.Workload workload) {
        return new ClusterSpec(1, groups, producers, consumers, kind, model, workload, QUEUES_PER_BROKER, ALL_KINDS,
                FAULT_PHASE_MS);
    }

    private static List<ClusterSpec.GroupSpec> oneMaster(FlushDiskType flush) {
        return List.of(ClusterSpec.GroupSpec.master("broker-a", flush));
    }

    /** One SYNC_FLUSH master, queue workload, 2 producers, 2 concurrent push consumers. */
    public static ClusterScenario singleSync() {
        return new ClusterScenario("single-sync", "one SYNC_FLUSH master, 2 producers, 2 push consumers, queue workload",
                spec(oneMaster(FlushDiskType.SYNC_FLUSH), 2, 2, ClusterSpec.ConsumerKind.PUSH_CONCURRENT,
                        MessageModel.CLUSTERING, ClusterSpec.Workload.QUEUE));
    }

    /** As single-sync with ASYNC_FLUSH: power loss may lose acknowledged sends (allowed losses). */
    public static ClusterScenario singleAsync() {
        return new ClusterScenario("single-async", "one ASYNC_FLUSH master, 2 producers, 2 push consumers, queue workload",
                spec(oneMaster(FlushDiskType.ASYNC_FLUSH), 2, 2, ClusterSpec.ConsumerKind.PUSH_CONCURRENT,
                        MessageModel.CLUSTERING, ClusterSpec.Workload.QUEUE));
    }

    /** Sharding keys sent one at a time through a selector, orderly push consumers. */
    public static ClusterScenario ordered() {
        return new ClusterScenario("ordered", "one SYNC_FLUSH master, ordered workload (8 keys), 2 orderly push consumers",
                spec(oneMaster(FlushDiskType.SYNC_FLUSH), 2, 2, ClusterSpec.ConsumerKind.PUSH_ORDERLY,
                        MessageModel.CLUSTERING, ClusterSpec.Workload.ORDERED));
    }

    /** Broadcasting push consumers: each must get every stored message. */
    public static ClusterScenario broadcast() {
        return new ClusterScenario("broadcast", "one SYNC_FLUSH master, 2 producers, 3 broadcasting push consumers",
                spec(oneMaster(FlushDiskType.SYNC_FLUSH), 2, 3, ClusterSpec.ConsumerKind.PUSH_CONCURRENT,
                        MessageModel.BROADCASTING, ClusterSpec.Workload.BROADCAST));
    }

    /** Two SYNC_FLUSH groups; producers fail over between them. */
    public static ClusterScenario twoGroups() {
        return new ClusterScenario("two-groups", "two SYNC_FLUSH masters, 2 producers failing over, 2 push consumers",
                spec(List.of(ClusterSpec.GroupSpec.master("broker-a", FlushDiskType.SYNC_FLUSH),
                                ClusterSpec.GroupSpec.master("broker-b", FlushDiskType.SYNC_FLUSH)), 2, 2,
                        ClusterSpec.ConsumerKind.PUSH_CONCURRENT, MessageModel.CLUSTERING, ClusterSpec.Workload.QUEUE));
    }

    /** Lite pull consumers polling in a loop, auto-committing. */
    public static ClusterScenario litePull() {
        return new ClusterScenario("lite-pull", "one SYNC_FLUSH master, 2 producers, 2 lite pull consumers",
                spec(oneMaster(FlushDiskType.SYNC_FLUSH), 2, 2, ClusterSpec.ConsumerKind.LITE_PULL,
                        MessageModel.CLUSTERING, ClusterSpec.Workload.QUEUE));
    }

    /**
     * One SYNC_MASTER group (master + 1 slave, SYNC_FLUSH), 2 producers, 2 push consumers that may read
     * from the slave: SEND_OK must survive every fault of the master while the slave survives.
     */
    public static ClusterScenario masterSlaveSync() {
        return new ClusterScenario("ms-sync", "SYNC_MASTER + 1 slave (SYNC_FLUSH), 2 producers, 2 push consumers",
                spec(List.of(new ClusterSpec.GroupSpec("broker-a", BrokerRole.SYNC_MASTER, FlushDiskType.SYNC_FLUSH, 1)),
                        2, 2, ClusterSpec.ConsumerKind.PUSH_CONCURRENT, MessageModel.CLUSTERING,
                        ClusterSpec.Workload.QUEUE));
    }

    /**
     * One ASYNC_MASTER group (master + 1 slave, ASYNC_FLUSH), 2 producers, 2 push consumers: the weak
     * mode, where the master's power loss loses SEND_OK messages past the slave's offset (allowed).
     */
    public static ClusterScenario masterSlaveAsync() {
        return new ClusterScenario("ms-async", "ASYNC_MASTER + 1 slave (ASYNC_FLUSH), 2 producers, 2 push consumers",
                spec(List.of(new ClusterSpec.GroupSpec("broker-a", BrokerRole.ASYNC_MASTER, FlushDiskType.ASYNC_FLUSH, 1)),
                        2, 2, ClusterSpec.ConsumerKind.PUSH_CONCURRENT, MessageModel.CLUSTERING,
                        ClusterSpec.Workload.QUEUE));
    }

    public ClusterSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean supportsSchedules() {
        return true;
    }

    /**
     * The swarm draw, thinned: a cluster has many more fault kinds than a store, and at the draw's full
     * rate it would be down for the whole fault phase (nothing acknowledged, nothing to check). Each
     * seed keeps every event with one of {@link #KEEP_PER_MILLE} (also drawn from the seed), so some
     * seeds are calm and some are storms.
     */
    @Override
    public FaultSchedule schedule(long seed) {
        FaultSchedule full = FaultSchedule.draw(name, seed, spec.faultKinds(), spec.faultPhaseMs(), DEFAULT_MAX_OPS);
        SplittableRandom thin = new SplittableRandom(TraceHash.deriveSeed(seed, "thin-faults"));
        int keepPerMille = KEEP_PER_MILLE[thin.nextInt(KEEP_PER_MILLE.length)];
        List<FaultEvent> kept = new ArrayList<>();
        for (FaultEvent e : full.events()) {
            if (thin.nextInt(1_000) < keepPerMille) {
                kept.add(e);
            }
        }
        return full.withEvents(kept);
    }

    @Override
    public RunResult run(FaultSchedule schedule) {
        if (!schedule.scenario().equals(name)) {
            throw new IllegalArgumentException("schedule is for " + schedule.scenario() + ", not " + name);
        }
        return new ClusterRun(this, schedule).execute();
    }
}
