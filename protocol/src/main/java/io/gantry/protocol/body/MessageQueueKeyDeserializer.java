package io.gantry.protocol.body;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import io.gantry.protocol.remoting.ProtocolException;
import java.io.IOException;

/** Reads a {@link MessageQueue} map key: the key text is the queue as a JSON object (see {@link ObjectKeyQuoter}). */
final class MessageQueueKeyDeserializer extends KeyDeserializer {

    @Override
    public Object deserializeKey(String key, DeserializationContext context) throws IOException {
        try {
            return RemotingJson.decode(key, MessageQueue.class);
        } catch (ProtocolException e) {
            return context.handleWeirdKey(MessageQueue.class, key, "not a MessageQueue object: %s", e.getMessage());
        }
    }
}
