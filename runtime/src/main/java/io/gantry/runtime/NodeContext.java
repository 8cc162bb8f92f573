package io.gantry.runtime;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Everything a node may use to touch the world: its id, clock, event loop, disk, network and
 * seeded randomness. Node classes take one of these in their constructor and nothing else from
 * outside. The production wiring comes from {@code io.gantry.runtime.prod.ProductionRuntime};
 * the simulation builds its own per simulated node.
 *
 * @param nodeId    a stable name for logs and traces, e.g. {@code broker-a-0}
 * @param clock     the node's clock (the same one its scheduler measures timers on)
 * @param scheduler the node's event loop
 * @param disk      the node's disk, rooted at its data directory
 * @param network   the node's network
 * @param random    randomness; in the simulation derived from the run's seed. Use only on the loop.
 */
public record NodeContext(
        String nodeId, Clock clock, Scheduler scheduler, Disk disk, Network network, RandomGenerator random) {

    public NodeContext {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(random, "random");
    }
}
