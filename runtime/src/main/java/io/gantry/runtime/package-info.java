/**
 * The seams between Gantry's node code and the world: {@link io.gantry.runtime.Clock},
 * {@link io.gantry.runtime.Scheduler}, {@link io.gantry.runtime.Disk},
 * {@link io.gantry.runtime.Network} and the node's seeded {@link java.util.random.RandomGenerator},
 * bundled per node in {@link io.gantry.runtime.NodeContext}.
 *
 * <p>Node code (protocol, store, nameserver, broker, client) touches time, timers, threads,
 * randomness, files and sockets only through these interfaces. The production implementations
 * live in {@code io.gantry.runtime.prod}; the simulated ones in {@code io.gantry.simulation}.
 * A build check (forbiddenapis, {@code build/forbidden-node-calls.txt}) fails on direct calls.
 *
 * <p>Threading rule: each node has one {@link io.gantry.runtime.Scheduler}, its event loop. Every
 * callback a seam makes into node code (timers, received frames, connection events, offloaded
 * results) runs on that loop, so node state needs no locks.
 */
package io.gantry.runtime;
