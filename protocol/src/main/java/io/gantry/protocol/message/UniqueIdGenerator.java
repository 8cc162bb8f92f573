package io.gantry.protocol.message;

import io.gantry.runtime.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Generates UNIQ_KEY message ids the way official producers shape them: a fixed prefix (client
 * IP, pid, class-loader hash), then milliseconds since the start of the current month, then a
 * 16-bit counter. Gantry has no pid or class loader worth exposing, so those come from the node's
 * seeded randomness; time comes from the node's {@link Clock}. Months are UTC months (the official
 * client uses its local time zone; only uniqueness matters).
 *
 * <p>Not thread-safe: use on the owning node's loop. Ids are unique per generator as long as fewer
 * than 65536 are made in one millisecond.
 */
public final class UniqueIdGenerator {

    private final byte[] clientIp;
    private final short pid;
    private final int classLoaderHash;
    private final Clock clock;
    private short counter;
    private long monthStartMs = Long.MAX_VALUE;
    private long nextMonthStartMs = Long.MIN_VALUE;

    /** A generator with explicit prefix parts. */
    public UniqueIdGenerator(byte[] clientIp, short pid, int classLoaderHash, Clock clock) {
        if (clientIp.length != 4 && clientIp.length != 16) {
            throw new IllegalArgumentException("client IP must be 4 or 16 bytes, was " + clientIp.length);
        }
        this.clientIp = clientIp.clone();
        this.pid = pid;
        this.classLoaderHash = classLoaderHash;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A generator whose pid, class-loader hash and first counter value come from {@code random}. */
    public static UniqueIdGenerator create(byte[] clientIp, Clock clock, RandomGenerator random) {
        UniqueIdGenerator generator = new UniqueIdGenerator(clientIp, (short) random.nextInt(), random.nextInt(), clock);
        generator.counter = (short) random.nextInt();
        return generator;
    }

    /** The next id. */
    public String next() {
        long nowMs = clock.wallClockMs();
        if (nowMs < monthStartMs || nowMs >= nextMonthStartMs) {
            LocalDate month = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
            monthStartMs = month.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            nextMonthStartMs = month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        int sinceMonthStart = (int) (nowMs - monthStartMs);
        return MessageIds.uniqKey(clientIp, pid, classLoaderHash, sinceMonthStart, counter++);
    }
}
