package io.gantry.broker.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.store.ReplicaProbe;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaFramesTest {

    @Test
    void framesRoundTrip() {
        List<ReplicaProbe> probes = List.of(new ReplicaProbe(0, 100, 7), new ReplicaProbe(100, 8, -3));
        HaFrames.Hello hello = HaFrames.decodeHello(HaFrames.hello(108, probes));
        assertThat(hello.maxOffset()).isEqualTo(108);
        assertThat(hello.probes()).isEqualTo(probes);
        ByteBuffer ack = HaFrames.ack(4096);
        assertThat(HaFrames.type(ack)).isEqualTo(HaFrames.ACK);
        assertThat(HaFrames.offset(ack)).isEqualTo(4096);
        ByteBuffer data = HaFrames.data(512, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(HaFrames.type(data)).isEqualTo(HaFrames.DATA);
        assertThat(HaFrames.offset(data)).isEqualTo(512);
        assertThat(HaFrames.payload(data)).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(HaFrames.offset(HaFrames.truncate(77))).isEqualTo(77);
    }

    @Test
    void malformedFramesAreRefused() {
        assertThatThrownBy(() -> HaFrames.type(ByteBuffer.allocate(3))).isInstanceOf(IllegalArgumentException.class);
        ByteBuffer lyingCount = ByteBuffer.allocate(13).put(HaFrames.HELLO).putLong(0).putInt(1_000_000).flip();
        assertThatThrownBy(() -> HaFrames.decodeHello(lyingCount)).isInstanceOf(IllegalArgumentException.class);
        ByteBuffer negative = ByteBuffer.allocate(9).put(HaFrames.ACK).putLong(-5).flip();
        assertThatThrownBy(() -> HaFrames.offset(negative)).isInstanceOf(IllegalArgumentException.class);
    }
}
