package io.gantry.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.protocol.remoting.ProtocolException;
import io.gantry.runtime.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    /** A wall clock the test moves by hand. */
    private static final class ManualClock implements Clock {
        long wallMs;

        ManualClock(long wallMs) {
            this.wallMs = wallMs;
        }

        @Override
        public long nanoTime() {
            return wallMs * 1_000_000L;
        }

        @Override
        public long wallClockMs() {
            return wallMs;
        }
    }

    @Test
    void offsetMsgIdMatchesTheReferenceExample() {
        HostAddress host = HostAddress.parse("127.0.0.1:20911");
        assertThat(MessageIds.offsetMsgId(host, 211)).isEqualTo("7F000001000051AF00000000000000D3");
        MessageIds.OffsetMsgId decoded = MessageIds.decodeOffsetMsgId("7f000001000051af00000000000000d3");
        assertThat(decoded.storeHost()).isEqualTo(host);
        assertThat(decoded.commitLogOffset()).isEqualTo(211);
    }

    @Test
    void offsetMsgIdRoundTripsIpv6() {
        byte[] ip = new byte[16];
        ip[0] = (byte) 0xfd;
        HostAddress host = HostAddress.of(ip, 10911);
        String id = MessageIds.offsetMsgId(host, Long.MAX_VALUE);
        assertThat(id).hasSize(56);
        assertThat(MessageIds.decodeOffsetMsgId(id)).isEqualTo(new MessageIds.OffsetMsgId(host, Long.MAX_VALUE));
    }

    @Test
    void badOffsetMsgIdsAreProtocolExceptions() {
        assertThatThrownBy(() -> MessageIds.decodeOffsetMsgId("7F00")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> MessageIds.decodeOffsetMsgId("ZZ000001000051AF00000000000000D3")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> MessageIds.decodeOffsetMsgId(null)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void uniqKeyMatchesTheReferenceExample() {
        byte[] ip = HexFormat.of().parseHex("FD000000000000000000000000000002");
        assertThat(MessageIds.uniqKey(ip, (short) 0x7B9B, 0x30946E09, 0x6D1E557E, (short) 0))
                .isEqualTo("FD0000000000000000000000000000027B9B30946E096D1E557E0000");
    }

    @Test
    void generatorCountsMillisecondsFromTheStartOfTheUtcMonth() {
        ManualClock clock = new ManualClock(Instant.parse("2024-03-01T00:00:01.500Z").toEpochMilli());
        UniqueIdGenerator generator = new UniqueIdGenerator(new byte[] {10, 0, 0, 1}, (short) 7, 0x01020304, clock);
        String first = generator.next();
        assertThat(first).isEqualTo("0A000001" + "0007" + "01020304" + "000005DC" + "0000");
        assertThat(generator.next()).endsWith("000005DC0001");
        clock.wallMs = Instant.parse("2024-04-01T00:00:00.002Z").toEpochMilli();
        assertThat(generator.next()).endsWith("000000020002");
        clock.wallMs = Instant.parse("2024-03-31T23:59:59.999Z").toEpochMilli();
        assertThat(generator.next()).as("clock stepped back a month").endsWith(String.format("%08X0003", 31L * 86_400_000L - 1));
    }

    @Test
    void generatorIdsAreUniqueAndReproducibleFromTheSeed() {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        UniqueIdGenerator a = UniqueIdGenerator.create(new byte[] {1, 2, 3, 4}, clock,
                RandomGeneratorFactory.of("L64X128MixRandom").create(42));
        UniqueIdGenerator b = UniqueIdGenerator.create(new byte[] {1, 2, 3, 4}, clock,
                RandomGeneratorFactory.of("L64X128MixRandom").create(42));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            String id = a.next();
            assertThat(b.next()).isEqualTo(id);
            ids.add(id);
            clock.wallMs += i % 3;
        }
        assertThat(ids).hasSize(50_000);
        assertThat(ids.iterator().next()).hasSize(32);
    }
}
