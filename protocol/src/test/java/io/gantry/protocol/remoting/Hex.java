package io.gantry.protocol.remoting;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Test helper: hex with spaces (as the reference prints layouts) to bytes and back. */
public final class Hex {

    private Hex() {
    }

    public static byte[] bytes(String spacedHex) {
        return HexFormat.of().parseHex(spacedHex.replaceAll("\\s+", ""));
    }

    public static String of(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
