package io.gantry.client;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib bodies, as RocketMQ producers compress them (sysFlag COMPRESSED, type bits 0 = zlib). Pure computation. */
public final class Compression {

    /** The deflate level the official producer uses. */
    public static final int LEVEL = 5;

    private Compression() {
    }

    public static byte[] compress(byte[] body) {
        Deflater deflater = new Deflater(LEVEL);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 2));
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Inflates {@code body}; fails if the result would exceed {@code maxBytes} or the data is not zlib. */
    public static byte[] decompress(byte[] body, int maxBytes) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length * 2));
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("truncated zlib body");
                }
                if (out.size() + n > maxBytes) {
                    throw new IllegalArgumentException("decompressed body over " + maxBytes + " bytes");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("body is not zlib data", e);
        } finally {
            inflater.end();
        }
    }
}
