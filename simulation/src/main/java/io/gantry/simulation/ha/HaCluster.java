package io.gantry.simulation.ha;

import io.gantry.broker.Broker;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.config.BrokerRole;
import io.gantry.nameserver.NameServer;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.store.FlushDiskType;
import io.gantry.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;

/**
 * A simulated broker group: a nameserver node ({@value #NAMESRV}), a master node {@code master}
 * (brokerId 0 at {@value #MASTER_IP}) and a slave node {@code slave} (brokerId 1 at {@value #SLAVE_IP})
 * of the same brokerName, each running Gantry's real code. The slave learns its master from the
 * nameserver. Crash, power-loss and restart them through {@link #masterNode} / {@link #slaveNode} and
 * {@link #restartMaster()} / {@link #restartSlave()}; check replicas with {@link ReplicaInvariant}.
 * Drive it from the test thread, between world steps.
 */
public final class HaCluster {
    public static final String NAMESRV = "10.0.0.100:9876";
    public static final String MASTER_IP = "10.0.0.1";
    public static final String SLAVE_IP = "10.0.0.2";

    private final SimWorld world;
    private final SimNode masterNode;
    private final SimNode slaveNode;
    private final BrokerConfig masterConfig;
    private final BrokerConfig slaveConfig;
    private final StoreConfig masterStore;
    private final StoreConfig slaveStore;
    private Broker master;
    private Broker slave;

    /**
     * Builds and starts the group and runs the world until the slave is in sync (or 30 virtual s pass).
     *
     * @param role  ASYNC_MASTER or SYNC_MASTER
     * @param store store settings of both brokers (e.g. {@link #smallStore})
     */
    public HaCluster(SimWorld world, BrokerRole role, StoreConfig store) {
        this(world, role, store, UnaryOperator.identity());
    }

    /**
     * As {@link #HaCluster(SimWorld, BrokerRole, StoreConfig)}, with {@code tweak} applied to both
     * brokers' configuration builders before the role, id and address are set (e.g. timeouts, memory).
     */
    public HaCluster(SimWorld world, BrokerRole role, StoreConfig store, UnaryOperator<BrokerConfig.Builder> tweak) {
        this.world = world;
        NodeContext ns = world.addNode("ns").context();
        ns.scheduler().execute(() -> {
            try {
                new NameServer(ns, NameServerConfig.defaults().withListen("10.0.0.100", 9876)).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        masterNode = world.addNode("master");
        slaveNode = world.addNode("slave");
        masterConfig = tweak.apply(BrokerConfig.builder()).brokerIP1(MASTER_IP).namesrvAddr(NAMESRV).brokerRole(role)
                .brokerId(0).slaveReadEnable(true).build();
        slaveConfig = tweak.apply(BrokerConfig.builder()).brokerIP1(SLAVE_IP).namesrvAddr(NAMESRV).brokerRole(BrokerRole.SLAVE)
                .brokerId(1).slaveReadEnable(true).build();
        masterStore = store;
        slaveStore = masterStore;
        master = boot(masterNode.context(), masterConfig, masterStore);
        world.runUntil(() -> master.successfulRegistrations() > 0, 5_000);
        slave = boot(slaveNode.context(), slaveConfig, slaveStore);
        awaitInSync(30_000);
    }

    /** Small segments and indexes, for simulation runs; ASYNC_FLUSH forces every {@code flushIntervalMs}. */
    public static StoreConfig smallStore(FlushDiskType flushType, long flushIntervalMs) {
        return StoreConfig.builder().flushDiskType(flushType).flushIntervalCommitLog(flushIntervalMs)
                .mappedFileSizeCommitLog(256 * 1024).mappedFileSizeConsumeQueue(20 * 1000)
                .maxMessageSize(64 * 1024).maxHashSlotNum(1000).maxIndexNum(4000).build();
    }

    private Broker boot(NodeContext context, BrokerConfig config, StoreConfig store) {
        Broker broker = new Broker(context, config, store);
        boolean[] started = {false};
        context.scheduler().execute(() -> {
            try {
                broker.start();
                started[0] = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        world.runUntil(() -> started[0], 5_000);
        if (!started[0]) {
            throw new AssertionError("broker on " + context.nodeId() + " did not start");
        }
        return broker;
    }

    /** Runs the world until the master has an in-sync slave whose offset equals the master's end. */
    public boolean awaitInSync(long maxVirtualMs) {
        return world.runUntil(this::inSync, maxVirtualMs);
    }

    /** True if both are up and the master's in-sync slave acknowledged everything it has. */
    public boolean inSync() {
        return masterNode.isUp() && slaveNode.isUp() && master.haServer() != null
                && master.haServer().ackedOffset() == master.store().getMaxPhyOffset()
                && slave.store().getMaxPhyOffset() == master.store().getMaxPhyOffset();
    }

    /** Shuts the master down cleanly (it unregisters from the nameserver); runs the world until done. */
    public void stopMaster() {
        boolean[] done = {false};
        masterNode.context().scheduler().execute(() -> master.shutdown().whenComplete((v, e) -> done[0] = true));
        world.runUntil(() -> done[0], 30_000);
        masterNode.crash();
    }

    /** Boots a new master incarnation on the same disk (after a crash or power loss). */
    public Broker restartMaster() {
        master = boot(masterNode.restart(), masterConfig, masterStore);
        world.runUntil(() -> master.successfulRegistrations() > 0, 5_000);
        return master;
    }

    /** Boots a new slave incarnation on the same disk. */
    public Broker restartSlave() {
        slave = boot(slaveNode.restart(), slaveConfig, slaveStore);
        return slave;
    }

    public SimWorld world() {
        return world;
    }

    public SimNode masterNode() {
        return masterNode;
    }

    public SimNode slaveNode() {
        return slaveNode;
    }

    /** The current master incarnation's broker. */
    public Broker master() {
        return master;
    }

    /** The current slave incarnation's broker. */
    public Broker slave() {
        return slave;
    }

    /** The store root both brokers use (each on its own disk). */
    public String storeRoot() {
        return masterStore.storePathRootDir();
    }
}
