package io.gantry.simulation.harness;

/**
 * What a {@link FaultEvent} does. Store scenarios use the node and disk kinds; network kinds are
 * listed for the broker scenarios that will need them and are ignored by nemeses without a network.
 */
public enum FaultKind {
    /** Process crash; the target restarts after the event's duration. */
    CRASH(FaultClass.PROCESS_CRASH),
    /** Power loss (unforced writes torn); restart after the duration. */
    POWER_LOSS(FaultClass.POWER_LOSS),
    /** The node stops running for the duration. */
    PAUSE(null),
    /** The node's wall clock jumps by {@code arg} ms (may be negative). */
    CLOCK_JUMP(null),
    /** The next {@code arg} disk writes fail with EIO. */
    WRITE_EIO(null),
    /** The next {@code arg} forces fail with EIO. */
    FORCE_EIO(null),
    /** The disk is full (capacity = used + {@code arg} bytes) for the duration. */
    ENOSPC(null),
    /** Every disk operation takes {@code arg} microseconds longer for the duration. */
    SLOW_DISK(null),
    /** One bit flips in durable data; {@code arg} picks where. */
    BIT_FLIP(FaultClass.BIT_FLIP_AT_REST),
    /** Network: the nodes split into two random halves for the duration ({@code arg} picks them). */
    PARTITION_HALVES(null),
    /** Network: one node ({@code arg} picks it) cut off from every other for the duration. */
    ISOLATE(null),
    /** Network: nodes on a ring each see only their nearest neighbours (overlapping majorities). */
    PARTITION_RING(null),
    /** Network: two halves that only one bridge node joins. */
    PARTITION_BRIDGE(null),
    /** Network: traffic from one random half to the other is held, the reverse flows. */
    PARTITION_ONE_WAY(null),
    /** Network: one link gets {@code arg}-derived extra latency for the duration. */
    CLOG(null),
    /** Network: every connection of one node is reset (in-flight frames lost). */
    CONNECTION_RESET(null),
    /** One node's wall clock drifts ({@code arg}-derived ppm) for the duration. */
    CLOCK_SKEW(null);

    private final FaultClass faultClass;

    FaultKind(FaultClass faultClass) {
        this.faultClass = faultClass;
    }

    /** The contract class this kind belongs to, or null if it may never lose acknowledged data. */
    public FaultClass faultClass() {
        return faultClass;
    }

    /** The name used in schedule files and summaries, e.g. {@code power-loss}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static FaultKind fromLabel(String label) {
        for (FaultKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault kind: " + label);
    }
}
