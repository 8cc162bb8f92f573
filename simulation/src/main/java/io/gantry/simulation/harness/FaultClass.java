package io.gantry.simulation.harness;

/**
 * The classes of fault the durability contract ({@code docs/guarantees.md}) distinguishes. A fault
 * kind maps to at most one class; kinds with no class (pauses, clock jumps, EIO, ENOSPC, slow disk)
 * may fail or delay operations but are never allowed to lose an acknowledged message.
 */
public enum FaultClass {
    /** The process dies; the OS page cache survives. */
    PROCESS_CRASH,
    /** The machine loses power; unforced writes are lost or torn. */
    POWER_LOSS,
    /** The disk is gone for good. */
    PERMANENT_DISK_LOSS,
    /** A bit flips in data that was already durable. */
    BIT_FLIP_AT_REST,
    /** The network between master and slave is cut (no data is lost on either side). Master/slave table only. */
    PARTITION
}
