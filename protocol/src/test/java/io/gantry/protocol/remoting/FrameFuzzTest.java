package io.gantry.protocol.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * Throws random and mutated frames at the decoder. Every outcome must be a decoded command (which
 * then re-encodes and decodes to itself) or a {@link ProtocolException}; nothing else, and no
 * allocation out of proportion to the frame. Set -Dgantry.fuzz.seed=N to replay a failure.
 */
class FrameFuzzTest {

    private static final int FRAMES = 120_000;
    private static final int KINDS = 12;
    /** Allocation a decode may make beyond a multiple of the frame size (Jackson buffers, exceptions). */
    private static final long ALLOCATION_SLACK_BYTES = 1L << 20;
    private static final long ALLOCATION_PER_FRAME_BYTE = 64;
    private static final String JSONISH = "{}[]\":,0123456789-.eEabcdeflnrstu \\\u00e9\u2713\u0001";

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void decoderOnlyReturnsCommandsOrThrowsProtocolException() {
        long seed = Long.getLong("gantry.fuzz.seed", System.nanoTime());
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        int decoded = 0;
        int rejected = 0;
        long worstAllocation = 0;
        long[] nanosByKind = new long[KINDS];
        for (int i = 0; i < FRAMES; i++) {
            long t0 = System.nanoTime();
            byte[] frame = generate(random, i % KINDS);
            long before = threads.getCurrentThreadAllocatedBytes();
            RemotingCommand command = null;
            try {
                command = RemotingCodec.decode(ByteBuffer.wrap(frame));
                decoded++;
            } catch (ProtocolException e) {
                rejected++;
            } catch (Throwable t) {
                fail("seed=" + seed + " frame #" + i + " (kind " + (i % KINDS) + ") threw " + t + ": " + preview(frame), t);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            worstAllocation = Math.max(worstAllocation, allocated);
            if (i > 1000 && allocated > ALLOCATION_SLACK_BYTES + ALLOCATION_PER_FRAME_BYTE * frame.length) {
                fail("seed=" + seed + " frame #" + i + " of " + frame.length + " bytes allocated " + allocated + " bytes: " + preview(frame));
            }
            if (command != null) {
                RemotingCommand again = RemotingCodec.decode(encodable(command));
                assertThat(again).as("seed=%d frame #%d re-encodes to itself", seed, i).isEqualTo(command);
            }
            nanosByKind[i % KINDS] += System.nanoTime() - t0;
        }
        System.out.println("ms by kind: " + java.util.Arrays.toString(java.util.Arrays.stream(nanosByKind).map(n -> n / 1_000_000).toArray()));
        System.out.printf("fuzz seed=%d decoded=%d rejected=%d worstAllocation=%d%n", seed, decoded, rejected, worstAllocation);
        assertThat(decoded).as("seed=%d: the generators also produce valid frames", seed).isGreaterThan(FRAMES / 20);
        assertThat(rejected).as("seed=%d: the generators also produce invalid frames", seed).isGreaterThan(FRAMES / 4);
    }

    /** Decoded JSON commands may carry codes a binary header cannot; those re-encode as JSON. */
    private static ByteBuffer encodable(RemotingCommand command) {
        return RemotingCodec.encode(command);
    }

    private static String preview(byte[] frame) {
        String hex = HexFormat.of().formatHex(frame, 0, Math.min(frame.length, 200));
        return frame.length > 200 ? hex + "..." : hex;
    }

    private static byte[] generate(RandomGenerator random, int kind) {
        return switch (kind) {
            case 0 -> toArray(RemotingCodec.encode(randomCommand(random, SerializeType.JSON)));
            case 1 -> toArray(RemotingCodec.encode(randomCommand(random, SerializeType.ROCKETMQ)));
            case 2 -> truncate(random, validFrame(random));
            case 3 -> flipBytes(random, validFrame(random));
            case 4 -> corruptLengthField(random, validFrame(random));
            case 5 -> randomBytes(random, random.nextInt(300));
            case 6 -> jsonFrame(randomJsonish(random, random.nextInt(400)).getBytes(StandardCharsets.UTF_8));
            case 7 -> jsonFrame(badUtf8(random));
            case 8 -> hugeExtFields(random);
            case 9 -> jsonFrame(wrongTypes(random).getBytes(StandardCharsets.UTF_8));
            case 10 -> corruptBinaryLengths(random);
            default -> jsonFrame(deepNesting(random).getBytes(StandardCharsets.UTF_8));
        };
    }

    private static byte[] validFrame(RandomGenerator random) {
        SerializeType type = random.nextBoolean() ? SerializeType.JSON : SerializeType.ROCKETMQ;
        return toArray(RemotingCodec.encode(randomCommand(random, type)));
    }

    private static RemotingCommand randomCommand(RandomGenerator random, SerializeType type) {
        RemotingCommand.Builder builder = RemotingCommand.request(type == SerializeType.JSON ? random.nextInt() : (short) random.nextInt())
                .opaque(random.nextInt())
                .flag(random.nextInt(4))
                .version(type == SerializeType.JSON ? random.nextInt() : (short) random.nextInt())
                .language(LanguageCode.values()[random.nextInt(LanguageCode.values().length)])
                .serializeType(type);
        if (random.nextBoolean()) {
            builder.remark(randomText(random, random.nextInt(20)));
        }
        int fields = random.nextInt(8);
        for (int f = 0; f < fields; f++) {
            builder.extField(randomText(random, 1 + random.nextInt(10)), randomText(random, random.nextInt(30)));
        }
        if (random.nextBoolean()) {
            builder.body(randomBytes(random, random.nextInt(64)));
        }
        return builder.build();
    }

    private static String randomText(RandomGenerator random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            text.append(pick < 7 ? (char) ('a' + random.nextInt(26)) : pick < 9 ? (char) (0x20 + random.nextInt(0x5f)) : (char) (0xa0 + random.nextInt(0x2000)));
        }
        return text.toString();
    }

    private static String randomJsonish(RandomGenerator random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(JSONISH.charAt(random.nextInt(JSONISH.length())));
        }
        return text.toString();
    }

    private static byte[] truncate(RandomGenerator random, byte[] frame) {
        byte[] shorter = new byte[random.nextInt(frame.length + 1)];
        System.arraycopy(frame, 0, shorter, 0, shorter.length);
        return shorter;
    }

    private static byte[] flipBytes(RandomGenerator random, byte[] frame) {
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && frame.length > 0; i++) {
            frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
        }
        return frame;
    }

    private static byte[] corruptLengthField(RandomGenerator random, byte[] frame) {
        int value = switch (random.nextInt(5)) {
            case 0 -> random.nextInt();
            case 1 -> 0x00FF_FFFF;
            case 2 -> 0x01FF_FFFF;
            case 3 -> -1 - random.nextInt(1000);
            default -> (frame[0] << 24) | random.nextInt(frame.length + 8);
        };
        ByteBuffer.wrap(frame).putInt(0, value);
        return frame;
    }

    private static byte[] randomBytes(RandomGenerator random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] jsonFrame(byte[] header) {
        return ByteBuffer.allocate(4 + header.length).putInt(header.length).put(header).array();
    }

    private static byte[] badUtf8(RandomGenerator random) {
        byte[] json = "{\"code\":10,\"remark\":\"XXXX\",\"extFields\":{\"kXXXX\":\"vXXXX\"}}".getBytes(StandardCharsets.US_ASCII);
        byte[][] poison = {{(byte) 0xC0}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}};
        for (int i = 0; i < json.length; i++) {
            if (json[i] == 'X' && random.nextInt(3) == 0) {
                byte[] p = poison[random.nextInt(poison.length)];
                json[i] = p[0];
            }
        }
        return json;
    }

    private static byte[] hugeExtFields(RandomGenerator random) {
        int entries = random.nextInt(1000) == 0 ? 5_000 : 10 + random.nextInt(60);
        RemotingCommand.Builder builder = RemotingCommand.request(10)
                .serializeType(random.nextBoolean() ? SerializeType.JSON : SerializeType.ROCKETMQ);
        for (int i = 0; i < entries; i++) {
            builder.extField("k" + i, i % 1000 == 999 ? "v".repeat(random.nextInt(100_000)) : "v" + i);
        }
        byte[] frame = toArray(RemotingCodec.encode(builder.build()));
        return random.nextBoolean() ? frame : flipBytes(random, frame);
    }

    private static String wrongTypes(RandomGenerator random) {
        String[] values = {"{}", "[]", "\"x\"", "1e30", "-1", "99999999999", "true", "null", "{\"a\":[1,{}]}", "1.5", "\"12\""};
        String[] keys = {"code", "flag", "opaque", "version", "language", "remark", "extFields", "serializeTypeCurrentRPC"};
        StringBuilder json = new StringBuilder("{");
        int fields = 1 + random.nextInt(keys.length);
        for (int i = 0; i < fields; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(keys[random.nextInt(keys.length)]).append("\":")
                    .append(values[random.nextInt(values.length)]);
        }
        return json.append('}').toString();
    }

    private static byte[] corruptBinaryLengths(RandomGenerator random) {
        RemotingCommand command = RemotingCommand.request(10).remark("abc").extField("key", "value").extField("k2", "v2")
                .serializeType(SerializeType.ROCKETMQ).build();
        byte[] frame = toArray(RemotingCodec.encode(command));
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int[] intLengthPositions = {4 + 13, 4 + 17 + 3, 4 + 17 + 3 + 4 + 2 + 3, 4 + 17 + 3 + 4 + 2 + 3 + 4 + 5 + 2 + 2};
        int position = intLengthPositions[random.nextInt(intLengthPositions.length)];
        int value = random.nextBoolean() ? random.nextInt() : random.nextInt(64) - 8;
        if (random.nextInt(4) == 0) {
            buffer.putShort(4 + 17 + 3 + 4, (short) value); // first key length
        } else {
            buffer.putInt(position, value);
        }
        return frame;
    }

    private static String deepNesting(RandomGenerator random) {
        int depth = 1 + random.nextInt(3000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        return "{\"code\":1,\"extFields\":{\"x\":" + open.repeat(depth) + "1";
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
