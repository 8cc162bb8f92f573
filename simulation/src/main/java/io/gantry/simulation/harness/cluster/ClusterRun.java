package io.gantry.simulation.harness.cluster;

import io.gantry.broker.Broker;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.config.BrokerRole;
import io.gantry.client.admin.AdminCore;
import io.gantry.protocol.body.MessageModel;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.TraceHash;
import io.gantry.simulation.harness.FaultSchedule;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.simulation.harness.Nemesis;
import io.gantry.simulation.harness.RunResult;
import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.Checkers;
import io.gantry.simulation.harness.check.OffsetsChecker;
import io.gantry.simulation.harness.check.RecoveredChecker;
import io.gantry.store.StoreConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One run of a {@link ClusterScenario}: builds the cluster of {@link ClusterSpec} in one world (real
 * nameservers, brokers with their stores, producer and consumer clients, each on its own node),
 * creates the topic, runs the workload under the schedule's faults, heals, waits for the servers,
 * probes that sends succeed, drains every queue of every broker, waits for the consumers to have
 * been handed everything the drain found, and runs the checkers. Single use, single thread.
 *
 * <p>Master/slave groups: {@link #buildGroup} builds each slave as a {@link BrokerProcess} with role
 * SLAVE; the drain reads one serving replica per group; {@link ReplicasChecker} samples every slave's
 * log against its master's during the run and waits for convergence at the end.
 */
final class ClusterRun {

    static final String TOPIC = "SimTopic";
    static final String CLUSTER = "SimCluster";
    static final int NAME_SERVER_PORT = 9876;
    static final int BROKER_PORT = 10911;
    static final long BOOT_BOUND_MS = 15_000;
    static final long SETTLE_MS = 3_000;
    static final long LIVENESS_BOUND_MS = 60_000;
    static final int PROBES_PER_PRODUCER = 2;
    static final long PROBE_RETRY_MS = 500;
    static final long SAMPLE_OFFSETS_EVERY_MS = 1_000;
    /** Committed offsets must be monotonic once this long has passed since the heal (rebalances done). */
    static final long QUIET_AFTER_HEAL_MS = 15_000;
    static final int ORDER_KEYS = 8;
    static final long HA_HEARTBEAT_MS = 1_000;
    static final long HA_HOUSEKEEPING_MS = 5_000;
    static final long SAMPLE_REPLICAS_EVERY_MS = 2_000;
    /** After the drain, replicas get at least this long to converge. */
    static final long REPLICAS_CONVERGE_MS = 15_000;

    private final ClusterScenario scenario;
    private final ClusterSpec spec;
    private final FaultSchedule schedule;
    private final History history = new History();
    private final SplittableRandom random;
    private final List<NameServerProcess> nameServers = new ArrayList<>();
    private final List<BrokerProcess> brokers = new ArrayList<>();
    /** Each group's members, master first. */
    private final List<List<BrokerProcess>> groups = new ArrayList<>();
    private final ReplicasChecker replicas = new ReplicasChecker();
    private final List<ProducerDriver> producers = new ArrayList<>();
    private final List<ConsumerDriver> consumers = new ArrayList<>();
    private final CommittedOffsetsChecker committed = new CommittedOffsetsChecker();
    private final List<String> serverProblems = new ArrayList<>();
    private final long[] deliveredAtMs = {-1};
    private SimWorld world;
    private int invoked;
    private long healAtMs = Long.MAX_VALUE;

    ClusterRun(ClusterScenario scenario, FaultSchedule schedule) {
        this.scenario = scenario;
        this.spec = scenario.spec();
        this.schedule = schedule;
        this.random = new SplittableRandom(TraceHash.deriveSeed(schedule.seed(), "workload"));
    }

    /** The store of a group's brokers; {@code earlyAck} runs ASYNC_FLUSH under a SYNC_FLUSH contract (broken on purpose). */
    static StoreConfig storeConfig(ClusterSpec.GroupSpec group, boolean earlyAck) {
        return StoreConfig.builder()
                .flushDiskType(earlyAck ? io.gantry.store.FlushDiskType.ASYNC_FLUSH : group.flushDiskType())
                .mappedFileSizeCommitLog(256 * 1024)
                .mappedFileSizeConsumeQueue(20 * 1024)
                .maxMessageSize(16 * 1024)
                .maxHashSlotNum(256)
                .maxIndexNum(1024)
                // Retention must not delete acknowledged data while ENOSPC is injected: this run checks durability.
                .diskMaxUsedSpaceRatio(95)
                .diskSpaceCleanForciblyRatio(95)
                .build();
    }

    RunResult execute() {
        long wallStart = System.nanoTime();
        world = new SimWorld(SimConfig.defaults(schedule.seed()));
        world.setFailOnTaskException(false);
        boolean broadcasting = spec.messageModel() == MessageModel.BROADCASTING;
        Map<String, java.util.Set<String>> seen = new LinkedHashMap<>();
        List<Checker> checkers = new ArrayList<>(List.of(ClusterLossCheckers.lost(spec), ClusterLossCheckers.allowedLoss(spec),
                new DeliveryUnexpectedChecker(), new DrainDuplicatedChecker(broadcasting), new RecoveredChecker(),
                new OffsetsChecker(), committed));
        if (spec.workload() == ClusterSpec.Workload.ORDERED) {
            checkers.add(new OrderChecker());
        }
        checkers.add(new ClusterLivenessChecker(broadcasting, seen, serverProblems, deliveredAtMs));
        if (spec.hasSlaves()) {
            checkers.add(replicas);
        }
        Checkers.attach(history, checkers);

        String nameServerList = buildNameServers();
        for (int g = 0; g < spec.groups().size(); g++) {
            buildGroup(g, spec.groups().get(g), nameServerList);
        }
        boot();
        createTopic(nameServerList);
        buildClients(nameServerList, seen);

        List<ServerProcess> servers = new ArrayList<>(nameServers);
        servers.addAll(brokers);
        List<String> networkNodes = new ArrayList<>();
        servers.forEach(s -> networkNodes.add(s.id()));
        producers.forEach(p -> networkNodes.add(p.name()));
        consumers.forEach(c -> networkNodes.add(c.name()));
        ClusterNemesis nemesis = new ClusterNemesis(world, history, servers, brokers, networkNodes);
        Nemesis.scheduleAll(world, schedule, nemesis);
        nemesis.startSupervisor();
        startWorkload();
        if (!broadcasting) {
            world.schedule(SAMPLE_OFFSETS_EVERY_MS, this::sampleOffsets);
        }
        if (spec.hasSlaves()) {
            world.schedule(SAMPLE_REPLICAS_EVERY_MS, this::sampleReplicas);
        }
        world.runFor(schedule.faultPhaseMs());

        producers.forEach(ProducerDriver::stop);
        healAtMs = world.nowMs();
        nemesis.healAll();
        long deadlineMs = healAtMs + LIVENESS_BOUND_MS;
        world.runUntil(this::allServersBack, LIVENESS_BOUND_MS);
        for (ServerProcess s : servers) {
            if (!s.isUp()) {
                serverProblems.add(s.id() + " not back within " + LIVENESS_BOUND_MS + " ms of the heal"
                        + (s.lastStartFailure() == null ? "" : ": " + s.lastStartFailure()));
            }
        }
        world.runFor(SETTLE_MS);
        int probesAcked = probe(deadlineMs);
        boolean drained = new Drain(world, history, drainSources(), TOPIC, spec.queuesPerBroker(), nameServerList)
                .run(deadlineMs);
        awaitDelivery(seen, broadcasting, deadlineMs);
        consumers.forEach(ConsumerDriver::stop);
        if (spec.hasSlaves()) {
            replicas.awaitConvergence(world, groups, Math.max(world.nowMs() + REPLICAS_CONVERGE_MS, deadlineMs));
        }

        CheckInput input = new CheckInput(history, spec.flushDiskType(),
                spec.flushDiskType() == io.gantry.store.FlushDiskType.SYNC_FLUSH && !scenario.earlyAck()
                        && brokers.get(0).storeConfig().serveOnlyDurable(), drained, false, healAtMs, LIVENESS_BOUND_MS,
                PROBES_PER_PRODUCER * producers.size(), probesAcked, drained ? world.nowMs() : -1);
        Map<String, CheckResult> checks = new LinkedHashMap<>(Checkers.finish(input, checkers));
        List<String> thrown = world.taskFailures().stream().map(String::valueOf).toList();
        checks.put("exceptions", new CheckResult("exceptions", thrown.size(), thrown.size(), thrown));
        long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
        return new RunResult(schedule.seed(), scenario.name(), world.traceHash(), world.nowMs(), wallMs,
                world.eventCount(), checks, nemesis.applied(), schedule, history);
    }

    private String buildNameServers() {
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= spec.nameServers(); i++) {
            NameServerProcess ns = new NameServerProcess(world, world.addNode("ns-" + i), history, "10.0.1." + i,
                    NAME_SERVER_PORT);
            nameServers.add(ns);
            addresses.add(ns.address());
        }
        return String.join(";", addresses);
    }

    /**
     * Builds group {@code g}: its master (node {@code brokerName}, brokerId 0, the spec's master role)
     * and its slaves (node {@code brokerName-sN}, brokerId N, role SLAVE), all with slave reads enabled
     * and HA timings short enough that a healed group reconnects within the settle time. Every member
     * joins {@link #brokers} (nemesis targets, offset sampling); {@link #groups} keeps them by group,
     * master first, for the drain and the {@code replicas} checker.
     */
    private void buildGroup(int g, ClusterSpec.GroupSpec group, String nameServerList) {
        BrokerConfig master = BrokerConfig.builder().brokerClusterName(CLUSTER).brokerName(group.brokerName())
                .brokerId(0).brokerRole(group.masterRole()).namesrvAddr(nameServerList).brokerIP1("10.0.0." + (g + 1))
                .listenPort(BROKER_PORT).registerNameServerPeriod(5_000).flushConsumerOffsetInterval(1_000)
                .defaultTopicQueueNums(spec.queuesPerBroker()).autoCreateTopicEnable(false)
                .slaveReadEnable(group.slaves() > 0).haSendHeartbeatInterval(HA_HEARTBEAT_MS)
                .haHousekeepingInterval(HA_HOUSEKEEPING_MS).build();
        List<BrokerProcess> members = new ArrayList<>();
        BrokerProcess m = new BrokerProcess(world, world.addNode(group.brokerName()), history, master,
                storeConfig(group, scenario.earlyAck()));
        members.add(m);
        for (int i = 1; i <= group.slaves(); i++) {
            BrokerConfig slave = master.toBuilder().brokerId(i).brokerRole(BrokerRole.SLAVE)
                    .brokerIP1("10.0.0." + (10 * i + g + 1)).build();
            members.add(new BrokerProcess(world, world.addNode(group.brokerName() + "-s" + i), history, slave,
                    storeConfig(group, scenario.earlyAck())));
        }
        brokers.addAll(members);
        groups.add(List.copyOf(members));
    }

    private void boot() {
        nameServers.forEach(ServerProcess::start);
        world.runUntil(() -> nameServers.stream().allMatch(ServerProcess::isUp), BOOT_BOUND_MS);
        brokers.forEach(ServerProcess::start);
        if (!world.runUntil(() -> brokers.stream().allMatch(BrokerProcess::registered), BOOT_BOUND_MS)) {
            throw new IllegalStateException("brokers did not boot and register on a fresh cluster");
        }
    }

    private void createTopic(String nameServerList) {
        ClientNode admin = ClientNode.create(world, "admin", "10.0.3.1", nameServerList);
        boolean[] done = {false};
        Throwable[] failed = {null};
        admin.execute(() -> new AdminCore(admin.client()).createTopic(CLUSTER, TOPIC, spec.queuesPerBroker())
                .whenComplete((v, e) -> {
                    failed[0] = e;
                    done[0] = true;
                }));
        world.runUntil(() -> done[0], BOOT_BOUND_MS);
        if (!done[0] || failed[0] != null) {
            throw new IllegalStateException("topic creation failed on a fresh cluster", failed[0]);
        }
        // Let the brokers publish the new topic to the nameservers.
        world.runFor(1_000);
    }

    private void buildClients(String nameServerList, Map<String, java.util.Set<String>> seen) {
        List<boolean[]> started = new ArrayList<>();
        for (int i = 1; i <= spec.producers(); i++) {
            ClientNode node = ClientNode.create(world, "producer-" + i, "10.0.2." + i, nameServerList);
            ProducerDriver p = new ProducerDriver(world, node, history, TOPIC, random.split(), this::takeBudget);
            producers.add(p);
            started.add(p.start());
        }
        for (int i = 1; i <= spec.consumers(); i++) {
            ClientNode node = ClientNode.create(world, "consumer-" + i, "10.0.2." + (100 + i), nameServerList);
            ConsumerDriver c = new ConsumerDriver(world, node, history, TOPIC, spec.consumerKind(), spec.messageModel(),
                    random.split());
            consumers.add(c);
            seen.put(c.name(), c.seen());
            started.add(c.start());
        }
        if (!world.runUntil(() -> started.stream().allMatch(s -> s[0]), BOOT_BOUND_MS)) {
            throw new IllegalStateException("clients did not start on a fresh cluster");
        }
    }

    private int takeBudget() {
        if (invoked >= schedule.maxOps()) {
            return 0;
        }
        invoked++;
        return 1;
    }

    private void startWorkload() {
        if (spec.workload() == ClusterSpec.Workload.ORDERED) {
            for (int i = 0; i < producers.size(); i++) {
                List<String> keys = new ArrayList<>();
                for (int k = i; k < ORDER_KEYS; k += producers.size()) {
                    keys.add("k" + k);
                }
                producers.get(i).runOrderedWorkload(keys);
            }
        } else {
            producers.forEach(ProducerDriver::runQueueWorkload);
        }
    }

    private boolean allServersBack() {
        return nameServers.stream().allMatch(ServerProcess::isUp)
                && brokers.stream().allMatch(b -> b.isUp() && b.registered());
    }

    /** Each producer sends until {@link #PROBES_PER_PRODUCER} are acknowledged or the deadline passes. */
    private int probe(long deadlineMs) {
        int[] acked = new int[producers.size()];
        boolean[] busy = new boolean[producers.size()];
        for (int i = 0; i < producers.size(); i++) {
            probeNext(i, acked, busy, deadlineMs);
        }
        world.runUntil(() -> java.util.Arrays.stream(acked).allMatch(a -> a >= PROBES_PER_PRODUCER),
                Math.max(0, deadlineMs - world.nowMs()));
        return java.util.Arrays.stream(acked).map(a -> Math.min(a, PROBES_PER_PRODUCER)).sum();
    }

    private void probeNext(int i, int[] acked, boolean[] busy, long deadlineMs) {
        if (acked[i] >= PROBES_PER_PRODUCER || world.nowMs() >= deadlineMs) {
            return;
        }
        producers.get(i).probe(ok -> {
            if (ok) {
                acked[i]++;
                probeNext(i, acked, busy, deadlineMs);
            } else {
                world.schedule(PROBE_RETRY_MS, () -> probeNext(i, acked, busy, deadlineMs));
            }
        });
    }

    /** Runs until every value the drain found was handed to the group (each consumer, broadcasting). */
    private void awaitDelivery(Map<String, java.util.Set<String>> seen, boolean broadcasting, long deadlineMs) {
        List<String> stored = new ArrayList<>();
        for (HistoryEntry e : history.entries()) {
            if (e.type() == HistoryEntry.Type.READ && "drain".equals(e.process())) {
                stored.add(e.value());
            }
        }
        // Checked before every event: the consumers' sets only grow, so a value once handed over stays
        // handed over and the scan resumes where it stopped (linear over the run, not per event).
        List<java.util.Set<String>> sets = List.copyOf(seen.values());
        int[] next = {0};
        java.util.function.BooleanSupplier done = () -> {
            while (next[0] < stored.size()) {
                if (!handedOver(stored.get(next[0]), sets, broadcasting)) {
                    return false;
                }
                next[0]++;
            }
            return true;
        };
        if (world.runUntil(done, Math.max(0, deadlineMs - world.nowMs()))) {
            deliveredAtMs[0] = world.nowMs();
        }
    }

    private static boolean handedOver(String value, List<java.util.Set<String>> sets, boolean broadcasting) {
        for (java.util.Set<String> s : sets) {
            if (s.contains(value) != broadcasting) {
                return !broadcasting;
            }
        }
        return broadcasting;
    }

    private void sampleOffsets() {
        boolean quiet = world.nowMs() - healAtMs >= QUIET_AFTER_HEAL_MS;
        for (BrokerProcess b : brokers) {
            Broker broker = b.broker();
            if (broker == null) {
                continue;
            }
            for (int q = 0; q < spec.queuesPerBroker(); q++) {
                long offset = broker.consumerOffsets().query(ConsumerDriver.GROUP, TOPIC, q);
                committed.sample(b.id(), b.node().incarnation(), TOPIC + "/" + q, offset, world.nowMs(), quiet);
            }
        }
        world.schedule(SAMPLE_OFFSETS_EVERY_MS, this::sampleOffsets);
    }

    /**
     * What the drain reads, one replica per group: the master, or when it is not serving (it never
     * came back) the first serving slave. Reading one replica keeps {@code duplicated} meaning "stored
     * twice"; after the heal the replicas must hold the same log anyway ({@code replicas} checks it).
     */
    private List<BrokerProcess> drainSources() {
        List<BrokerProcess> out = new ArrayList<>();
        for (List<BrokerProcess> members : groups) {
            BrokerProcess source = members.stream().filter(BrokerProcess::isUp).findFirst().orElse(members.get(0));
            out.add(source);
            Broker b = source.broker();
            if (b != null && b.store() != null && b.store().getMinPhyOffset() > 0) {
                // Retention deleted the oldest segments (an injected ENOSPC pushed the disk past the
                // forced-clean ratio): the loss checkers count what lay below as retention, not loss.
                history.add(world.nowMs(), "drain", HistoryEntry.Type.INFO, ClusterLosses.RETENTION_FLOOR,
                        source.brokerName(), null, -1, -1, b.store().getMinPhyOffset(), null, 0,
                        source.id() + " serves the commit log from " + b.store().getMinPhyOffset());
            }
        }
        return out;
    }

    private void sampleReplicas() {
        replicas.sample(world.nowMs(), groups);
        world.schedule(SAMPLE_REPLICAS_EVERY_MS, this::sampleReplicas);
    }
}
