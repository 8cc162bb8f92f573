package io.gantry.bench.official;

import java.util.Arrays;

/** Message bodies of a given size; printable filler, so no system can gain by compressing it differently. */
final class Bodies {

    private Bodies() {
    }

    static byte[] of(int sizeBytes) {
        byte[] body = new byte[sizeBytes];
        Arrays.fill(body, (byte) 'x');
        for (int i = 0; i < sizeBytes; i += 64) {
            body[i] = (byte) ('a' + (i / 64) % 26);
        }
        return body;
    }

    /** {@code 128B}, {@code 1KiB}: the size as it appears in cell names. */
    static String label(int sizeBytes) {
        return sizeBytes % 1024 == 0 ? (sizeBytes / 1024) + "KiB" : sizeBytes + "B";
    }
}
