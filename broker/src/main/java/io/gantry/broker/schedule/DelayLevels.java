package io.gantry.broker.schedule;

import java.util.Locale;

/**
 * The delay levels, RocketMQ's {@code messageDelayLevel}: "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m
 * 10m 20m 30m 1h 2h" by default, levels numbered from 1, units s, m, h, d. A level above the last is
 * clamped to it; level 0 or below means no delay.
 */
public final class DelayLevels {

    public static final String DEFAULT = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";
    /** Most levels accepted. */
    public static final int MAX_LEVELS = 64;
    /** Longest delay accepted for one level: a year. */
    public static final long MAX_DELAY_MS = 365L * 86_400_000L;

    private final long[] delaysMs;

    private DelayLevels(long[] delaysMs) {
        this.delaysMs = delaysMs;
    }

    public static DelayLevels defaults() {
        return parse(DEFAULT);
    }

    /** @throws IllegalArgumentException naming messageDelayLevel if the text does not parse */
    public static DelayLevels parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length == 0 || parts.length > MAX_LEVELS) {
            throw new IllegalArgumentException("invalid messageDelayLevel=" + text + ": 1 to " + MAX_LEVELS + " levels");
        }
        long[] delays = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].toLowerCase(Locale.ROOT);
            long unit = switch (part.isEmpty() ? ' ' : part.charAt(part.length() - 1)) {
                case 's' -> 1_000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                case 'd' -> 86_400_000L;
                default -> throw new IllegalArgumentException("invalid messageDelayLevel=" + text + ": unit of " + part);
            };
            long count;
            try {
                count = Long.parseLong(part.substring(0, part.length() - 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid messageDelayLevel=" + text + ": number of " + part);
            }
            if (count < 0 || count * unit > MAX_DELAY_MS) {
                throw new IllegalArgumentException("invalid messageDelayLevel=" + text + ": " + part
                        + " is outside [0, 365d]");
            }
            delays[i] = count * unit;
        }
        return new DelayLevels(delays);
    }

    public int maxLevel() {
        return delaysMs.length;
    }

    /** The level actually used for {@code level}: clamped to the last; 0 for no delay. */
    public int clamp(int level) {
        return level <= 0 ? 0 : Math.min(level, delaysMs.length);
    }

    /** Delay of a level from 1 to {@link #maxLevel()}, in ms. */
    public long delayMs(int level) {
        return delaysMs[level - 1];
    }
}
