package io.gantry.simulation.toy;

import java.util.Map;

/**
 * The outcome of one seed of the echo toy.
 *
 * @param seed              the run's seed
 * @param traceHash         hash over every delivered frame, timer firing, disk operation and fault
 * @param simulatedMs       virtual time the run covered
 * @param wallMs            real time it took (not part of the trace: it varies run to run)
 * @param events            events the simulator executed
 * @param sent              frames the client sent
 * @param echoed            echoes the client received
 * @param orderViolations   echoes that arrived out of send order on a connection (must be 0)
 * @param echoedAfterHeal   echoes received after every fault was healed (must be > 0: liveness)
 * @param faults            faults injected, by kind, in a stable order
 */
public record EchoRunResult(
        long seed,
        long traceHash,
        long simulatedMs,
        long wallMs,
        long events,
        long sent,
        long echoed,
        long orderViolations,
        long echoedAfterHeal,
        Map<String, Integer> faults) {

    /** True when the toy's invariants held: FIFO per connection, and echoes resume after the heal. */
    public boolean valid() {
        return orderViolations == 0 && echoedAfterHeal > 0;
    }

    /** The trace hash as 16 hex digits, the form printed and compared. */
    public String traceHashHex() {
        return String.format("%016x", traceHash);
    }
}
