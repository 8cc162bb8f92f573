package io.gantry.simulation;

import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.Listener;

/** A label registered with the {@link SimNetwork}: connects to it are accepted by its node. */
final class SimListener implements Listener {

    private final SimNetwork network;
    final SimEndpoint endpoint;
    private final String address;
    final ConnectionHandler handler;
    private boolean open = true;

    SimListener(SimNetwork network, SimEndpoint endpoint, String address, ConnectionHandler handler) {
        this.network = network;
        this.endpoint = endpoint;
        this.address = address;
        this.handler = handler;
    }

    @Override
    public String address() {
        return address;
    }

    boolean isOpen() {
        return open && endpoint.isAlive();
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            network.unbind(this);
        }
    }
}
