package io.gantry.protocol.body;

import java.util.Set;

/** GET_PRODUCER_CONNECTION_LIST response body. */
public record ProducerConnection(Set<ClientConnection> connectionSet) {

    public ProducerConnection {
        connectionSet = Copies.set(connectionSet);
    }
}
