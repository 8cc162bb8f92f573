package io.gantry.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar for sweeps, redrawn in place on stderr with a carriage return: runs done
 * of the total, invalid runs so far, and an estimate of the time left. Redraws at most every
 * {@link #REDRAW_EVERY_MS} so a fast sweep does not spend its time drawing. Never writes to stdout,
 * so {@code --json} output stays machine-readable; callers {@link #clear()} it before printing a line
 * to the same terminal and {@link #redraw()} after.
 */
final class SimProgress {

    static final int BAR_WIDTH = 30;
    static final long REDRAW_EVERY_MS = 200;

    private final PrintWriter err;
    private final int total;
    private final long startNanos;
    private int done;
    private int invalid;
    private long lastDrawNanos;
    private int drawnWidth;

    SimProgress(PrintWriter err, int total) {
        if (total < 1) {
            throw new IllegalArgumentException("a progress bar needs at least one run: " + total);
        }
        this.err = err;
        this.total = total;
        this.startNanos = System.nanoTime();
    }

    /** One more run finished. */
    void advance(boolean valid) {
        done++;
        if (!valid) {
            invalid++;
        }
        long now = System.nanoTime();
        if (done == total || now - lastDrawNanos >= REDRAW_EVERY_MS * 1_000_000L) {
            lastDrawNanos = now;
            redraw();
        }
    }

    /** The bar's text, without the carriage return. */
    String text() {
        int filled = (int) ((long) BAR_WIDTH * done / total);
        long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
        String eta = done == 0 ? "?" : formatSeconds(elapsedMs * (total - done) / done);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total + " runs, "
                + invalid + " invalid, " + formatSeconds(elapsedMs) + " elapsed, ~" + eta + " left";
    }

    void redraw() {
        String line = text();
        // Pad over a longer previous line instead of relying on terminal escape codes.
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    /** Erases the bar, so a line printed next starts at column 0 on a clean line. */
    void clear() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** Leaves the final bar on its own line. */
    void finish() {
        redraw();
        err.println();
        err.flush();
        drawnWidth = 0;
    }

    private static String formatSeconds(long ms) {
        long s = ms / 1000;
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
