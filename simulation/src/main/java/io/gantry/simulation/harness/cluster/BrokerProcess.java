package io.gantry.simulation.harness.cluster;

import io.gantry.broker.Broker;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.harness.History;
import io.gantry.store.StoreConfig;

/** The real {@link Broker} (with its store) on a restartable simulated node; same disk across incarnations. */
final class BrokerProcess extends ServerProcess {

    private final BrokerConfig config;
    private final StoreConfig storeConfig;
    private Broker broker;

    BrokerProcess(SimWorld world, SimNode node, History history, BrokerConfig config, StoreConfig storeConfig) {
        super(world, node, history);
        this.config = config;
        this.storeConfig = storeConfig;
    }

    BrokerConfig config() {
        return config;
    }

    StoreConfig storeConfig() {
        return storeConfig;
    }

    String brokerName() {
        return config.brokerName();
    }

    String address() {
        return config.listenAddress();
    }

    /** The running incarnation, or null while down. */
    Broker broker() {
        return isUp() ? broker : null;
    }

    /** Why the running store refuses writes, or null (also null while down). */
    String readOnlyReason() {
        Broker b = broker();
        return b == null || b.store() == null ? null : b.store().readOnlyReason();
    }

    boolean registered() {
        Broker b = broker();
        return b != null && b.successfulRegistrations() > 0;
    }

    @Override
    protected void boot(NodeContext context) throws Exception {
        Broker fresh = new Broker(context, config, storeConfig);
        broker = fresh;
        fresh.start();
    }

    @Override
    protected void forget() {
        broker = null;
    }
}
