package io.gantry.simulation.harness.cluster;

import io.gantry.broker.config.BrokerRole;
import io.gantry.protocol.body.MessageModel;
import io.gantry.simulation.harness.FaultKind;
import io.gantry.store.FlushDiskType;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a cluster scenario builds and drives: nameservers, broker groups (a master and its slaves),
 * producers and consumers of one kind, the workload, and which fault kinds the seed may enable.
 * Pure data, validated on construction; {@link ClusterRun} turns it into a world.
 *
 * @param nameServers      1 to 3
 * @param groups           1 to 3 broker groups
 * @param producers        1 to 8 producer clients
 * @param consumers        1 to 8 consumer clients of {@code consumerKind}
 * @param consumerKind     push concurrent, push orderly or lite pull
 * @param messageModel     CLUSTERING or BROADCASTING
 * @param workload         queue, ordered or broadcast
 * @param queuesPerBroker  write and read queues of the topic on each group
 * @param faultKinds       the kinds the swarm draw picks from
 * @param faultPhaseMs     faults are injected in [0, faultPhaseMs)
 */
public record ClusterSpec(int nameServers, List<GroupSpec> groups, int producers, int consumers,
                          ConsumerKind consumerKind, MessageModel messageModel, Workload workload,
                          int queuesPerBroker, Set<FaultKind> faultKinds, long faultPhaseMs) {

    public static final int MAX_NAME_SERVERS = 3;
    public static final int MAX_GROUPS = 3;
    public static final int MAX_SLAVES = 2;
    public static final int MAX_CLIENTS = 8;

    /** How consumers consume. */
    public enum ConsumerKind { PUSH_CONCURRENT, PUSH_ORDERLY, LITE_PULL }

    /**
     * What producers send. QUEUE: unique values, any queue, retried on definite failures.
     * ORDERED: per sharding key, one send at a time, to the queue a selector picks by key.
     * BROADCAST: as QUEUE, for broadcasting consumers (every consumer must get every message).
     */
    public enum Workload { QUEUE, ORDERED, BROADCAST }

    /**
     * One broker group (replica set).
     *
     * @param brokerName     the group's name, e.g. broker-a
     * @param masterRole     ASYNC_MASTER or SYNC_MASTER
     * @param flushDiskType  every member's flush mode
     * @param slaves         0 to 2 slaves (built once the broker supports SLAVE; see {@link ClusterRun})
     */
    public record GroupSpec(String brokerName, BrokerRole masterRole, FlushDiskType flushDiskType, int slaves) {
        public GroupSpec {
            Objects.requireNonNull(brokerName, "brokerName");
            Objects.requireNonNull(masterRole, "masterRole");
            Objects.requireNonNull(flushDiskType, "flushDiskType");
            if (masterRole == BrokerRole.SLAVE) {
                throw new IllegalArgumentException(brokerName + ": a group's master cannot have role SLAVE");
            }
            if (slaves < 0 || slaves > MAX_SLAVES) {
                throw new IllegalArgumentException(brokerName + ": slaves out of [0, " + MAX_SLAVES + "]: " + slaves);
            }
        }

        /** A master alone. */
        public static GroupSpec master(String brokerName, FlushDiskType flushDiskType) {
            return new GroupSpec(brokerName, BrokerRole.ASYNC_MASTER, flushDiskType, 0);
        }
    }

    public ClusterSpec {
        Objects.requireNonNull(consumerKind, "consumerKind");
        Objects.requireNonNull(messageModel, "messageModel");
        Objects.requireNonNull(workload, "workload");
        groups = List.copyOf(groups);
        faultKinds = faultKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faultKinds));
        check(nameServers >= 1 && nameServers <= MAX_NAME_SERVERS, "nameServers out of [1, 3]: " + nameServers);
        check(!groups.isEmpty() && groups.size() <= MAX_GROUPS, "groups out of [1, 3]: " + groups.size());
        check(groups.stream().map(GroupSpec::brokerName).distinct().count() == groups.size(), "duplicate broker names");
        check(groups.stream().map(GroupSpec::flushDiskType).distinct().count() == 1,
                "every group must share one flushDiskType (the checkers' contract key)");
        check(producers >= 1 && producers <= MAX_CLIENTS, "producers out of [1, 8]: " + producers);
        check(consumers >= 1 && consumers <= MAX_CLIENTS, "consumers out of [1, 8]: " + consumers);
        check(queuesPerBroker >= 1 && queuesPerBroker <= 16, "queuesPerBroker out of [1, 16]: " + queuesPerBroker);
        check(faultPhaseMs >= 0 && faultPhaseMs <= 600_000, "faultPhaseMs out of [0, 600 s]: " + faultPhaseMs);
        check((workload == Workload.BROADCAST) == (messageModel == MessageModel.BROADCASTING),
                "the broadcast workload goes with BROADCASTING consumers, and only it");
        check(workload != Workload.ORDERED || consumerKind != ConsumerKind.PUSH_CONCURRENT,
                "the ordered workload needs orderly push or lite pull consumers");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public FlushDiskType flushDiskType() {
        return groups.get(0).flushDiskType();
    }

    /** True when some group has slaves. */
    public boolean hasSlaves() {
        return groups.stream().anyMatch(g -> g.slaves() > 0);
    }
}
