/**
 * The deterministic simulation: simulated implementations of the runtime seams (virtual-time
 * scheduler, fake disks with page cache and power loss, fake network with partitions), and the
 * harness that runs real Gantry nodes over them from one seed.
 *
 * <p>Entry points: {@link io.gantry.simulation.SimWorld} (virtual time, event queue, trace hash,
 * {@code runFor}/{@code runUntil}/{@code runUntilIdle}); {@link io.gantry.simulation.SimNode}
 * (one machine: {@code context()}, {@code crash()}, {@code powerLoss()}, {@code restart()},
 * {@code pause()}); {@link io.gantry.simulation.SimDisk} with {@link io.gantry.simulation.DiskFaults};
 * {@link io.gantry.simulation.SimNetwork} (partitions, clogs, resets);
 * {@link io.gantry.simulation.SimClock} (skew, drift, jumps).
 *
 * <p>Determinism rules kept throughout: one thread (the world's creator); every random choice
 * comes from a stream derived from the seed and a stable label (never from creation order or
 * identity hashes); only sorted or insertion-ordered collections are iterated; real time is
 * never read.
 */
package io.gantry.simulation;
