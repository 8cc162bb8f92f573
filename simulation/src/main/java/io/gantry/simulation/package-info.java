/**
 * The deterministic simulation: simulated implementations of the runtime seams (virtual-time
 * scheduler, fake disks with page cache and power loss, fake network with partitions), and the
 * harness that runs real Gantry nodes over them from one seed.
 */
package io.gantry.simulation;
