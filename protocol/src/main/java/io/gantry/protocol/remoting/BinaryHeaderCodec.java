package io.gantry.protocol.remoting;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The ROCKETMQ (serialize type 1) binary header:
 * {@code int16 code, int8 language, int16 version, int32 opaque, int32 flag,
 * int32 remarkLength + remark, int32 extLength + repeated (int16 keyLength, key, int32 valueLength, value)}.
 *
 * <p>As in the official codec, an empty string (remark, key or value) decodes as absent, and a
 * repeated key keeps its last value. Strings decode leniently (malformed UTF-8 becomes U+FFFD),
 * matching the official decoder.
 */
final class BinaryHeaderCodec {

    private BinaryHeaderCodec() {
    }

    static RemotingCommand.Builder decode(ByteBuffer in) {
        if (in.remaining() < 17) {
            throw new ProtocolException("binary header of " + in.remaining() + " bytes is shorter than its 17-byte fixed part");
        }
        int code = in.getShort();
        LanguageCode language = LanguageCode.fromCode(in.get());
        int version = in.getShort();
        int opaque = in.getInt();
        int flag = in.getInt();
        RemotingCommand.Builder builder = new RemotingCommand.Builder(code, flag)
                .language(language)
                .version(version)
                .opaque(opaque);
        int remarkLength = in.getInt();
        builder.remark(readString(in, remarkLength, "remark"));
        if (in.remaining() < 4) {
            throw new ProtocolException("binary header ends before the extFields length");
        }
        int extLength = in.getInt();
        checkLength(extLength, in.remaining(), "extFields");
        ByteBuffer ext = in.slice(in.position(), extLength);
        in.position(in.position() + extLength);
        while (ext.hasRemaining()) {
            if (ext.remaining() < 2) {
                throw new ProtocolException("binary header extFields end inside a key length");
            }
            String key = readString(ext, ext.getShort(), "extFields key");
            if (ext.remaining() < 4) {
                throw new ProtocolException("binary header extFields end inside a value length");
            }
            String value = readString(ext, ext.getInt(), "extFields value");
            if (key != null && value != null) {
                builder.extField(key, value);
            }
        }
        if (in.hasRemaining()) {
            throw new ProtocolException("binary header has " + in.remaining() + " trailing bytes");
        }
        return builder;
    }

    private static String readString(ByteBuffer in, int length, String what) {
        checkLength(length, in.remaining(), what);
        if (length == 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void checkLength(int length, int remaining, String what) {
        if (length < 0 || length > remaining) {
            throw new ProtocolException("binary header " + what + " length " + length
                    + " is negative or exceeds the " + remaining + " bytes left");
        }
    }

    static byte[] encode(RemotingCommand command) {
        requireShort(command.code(), "code");
        requireShort(command.version(), "version");
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        for (Map.Entry<String, String> entry : command.extFields().entrySet()) {
            byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = entry.getValue().getBytes(StandardCharsets.UTF_8);
            if (key.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("extFields key of " + key.length + " bytes does not fit a binary header");
            }
            writeShort(ext, key.length);
            ext.writeBytes(key);
            writeInt(ext, value.length);
            ext.writeBytes(value);
        }
        byte[] remark = command.remark() == null ? new byte[0] : command.remark().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(17 + remark.length + 4 + ext.size());
        out.putShort((short) command.code());
        out.put(command.language().code());
        out.putShort((short) command.version());
        out.putInt(command.opaque());
        out.putInt(command.flag());
        out.putInt(remark.length);
        out.put(remark);
        out.putInt(ext.size());
        out.put(ext.toByteArray());
        return out.array();
    }

    private static void requireShort(int value, String what) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException(what + " " + value + " does not fit the 16 bits of a binary header; use JSON");
        }
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
