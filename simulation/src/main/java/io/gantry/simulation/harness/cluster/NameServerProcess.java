package io.gantry.simulation.harness.cluster;

import io.gantry.nameserver.NameServer;
import io.gantry.nameserver.NameServerConfig;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.harness.History;

/** The real {@link NameServer} on a restartable simulated node. Nameservers keep no durable state. */
final class NameServerProcess extends ServerProcess {

    private final String host;
    private final int port;
    private NameServer nameServer;

    NameServerProcess(SimWorld world, SimNode node, History history, String host, int port) {
        super(world, node, history);
        this.host = host;
        this.port = port;
    }

    String address() {
        return host + ":" + port;
    }

    @Override
    protected void boot(NodeContext context) throws Exception {
        NameServer fresh = new NameServer(context, NameServerConfig.defaults().withListen(host, port));
        fresh.start();
        nameServer = fresh;
    }

    @Override
    protected void forget() {
        nameServer = null;
    }

    NameServer nameServer() {
        return nameServer;
    }
}
