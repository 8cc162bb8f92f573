package io.gantry.store;

/**
 * One cut of a slave's commit log to the prefix it shares with its master, as recorded for checkers:
 * bytes at or after {@code toOffset} that the log held before the cut (up to {@code fromOffset}) were
 * dropped and may be replaced by different ones.
 *
 * @param fromOffset the write position before the cut
 * @param toOffset   the write position after it
 * @param reason     why (divergence found at handshake, or a cut redone at start-up after a crash)
 */
public record ReplicaTruncation(long fromOffset, long toOffset, String reason) {
}
