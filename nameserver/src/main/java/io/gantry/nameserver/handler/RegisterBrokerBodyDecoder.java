package io.gantry.nameserver.handler;

import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Picks the REGISTER_BROKER body form: none (an empty topic table at version 0), compressed,
 * {@code RegisterBrokerBody} JSON from brokers of version 37 (V3_0_11) on, or a bare
 * {@code TopicConfigSerializeWrapper} from older ones (falling back to the modern form when the
 * bare reading finds no topics: a broker whose version field was left at 0). Also checks the
 * header's body CRC.
 */
final class RegisterBrokerBodyDecoder {

    /** First broker version (V3_0_11) whose registration body is a {@code RegisterBrokerBody}. */
    static final int REGISTER_BODY_SINCE_VERSION = 37;

    private RegisterBrokerBodyDecoder() {
    }

    /** @throws io.gantry.protocol.remoting.ProtocolException if the body does not decode */
    static RegisterBrokerBody decode(byte[] body, boolean compressed, int brokerVersion) {
        if (body == null || body.length == 0) {
            return new RegisterBrokerBody(null, List.of());
        }
        if (compressed) {
            return CompressedRegisterBodyDecoder.decode(body);
        }
        if (brokerVersion >= REGISTER_BODY_SINCE_VERSION) {
            return RemotingJson.decode(body, RegisterBrokerBody.class);
        }
        TopicConfigSerializeWrapper bare = RemotingJson.decode(body, TopicConfigSerializeWrapper.class);
        if (!bare.topicConfigTable().isEmpty()) {
            return new RegisterBrokerBody(bare, List.of());
        }
        // An official broker started without its version property sends version 0 with a modern
        // body; read as a bare wrapper it would silently register no topics.
        RegisterBrokerBody modern = RemotingJson.decode(body, RegisterBrokerBody.class);
        return modern.topicConfigSerializeWrapper().topicConfigTable().isEmpty()
                ? new RegisterBrokerBody(bare, List.of())
                : modern;
    }

    /** True unless the header carries a non-zero CRC that the body does not match (CRC32 masked to 31 bits). */
    static boolean crcMatches(Integer expectedCrc32, byte[] body) {
        if (expectedCrc32 == null || expectedCrc32 == 0) {
            return true;
        }
        return crc32(body) == expectedCrc32;
    }

    static int crc32(byte[] body) {
        if (body == null) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        return (int) (crc.getValue() & 0x7FFFFFFFL);
    }
}
