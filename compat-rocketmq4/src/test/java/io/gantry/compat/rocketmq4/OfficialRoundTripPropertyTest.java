package io.gantry.compat.rocketmq4;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.simulation.choice.PropertyRunner;
import java.util.Map;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.Test;

/**
 * The official codec reads back what it wrote, for arbitrary commands in both serialize types.
 * Besides proving the class path (official jars plus Gantry's choice engine), this is the
 * template for the Gantry-vs-official cross-checks: swap one side for Gantry's codec.
 */
class OfficialRoundTripPropertyTest {

    @Test
    void officialCodecRoundTripsArbitraryCommands() {
        PropertyRunner.fromSystemProperties().withCases(300).check("official 4.9.8 round trip", c -> {
            RemotingCommand sent = CommandChoices.draw(c);
            c.note("sent " + sent + " as " + sent.getSerializeTypeCurrentRPC());

            RemotingCommand received = OfficialFrames.decode(OfficialFrames.encode(sent));

            assertThat(received.getSerializeTypeCurrentRPC()).isEqualTo(sent.getSerializeTypeCurrentRPC());
            assertThat(received.getCode()).isEqualTo(sent.getCode());
            assertThat(received.getLanguage()).isEqualTo(sent.getLanguage());
            assertThat(received.getVersion()).isEqualTo(sent.getVersion());
            assertThat(received.getOpaque()).isEqualTo(sent.getOpaque());
            assertThat(received.getFlag()).isEqualTo(sent.getFlag());
            assertThat(received.getRemark()).isEqualTo(sent.getRemark());
            assertThat(orEmpty(received.getExtFields())).isEqualTo(orEmpty(sent.getExtFields()));
            // The frame has no body length: an empty body and no body are the same bytes.
            assertThat(orEmpty(received.getBody())).isEqualTo(orEmpty(sent.getBody()));
        });
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }
}
