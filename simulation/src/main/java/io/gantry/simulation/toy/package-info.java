/**
 * A two-node echo application written only against the runtime seams, used as the foundation's
 * self-test: it runs unchanged under the simulation (with partitions, resets, crashes, power
 * loss and restarts) and over the production seams on loopback.
 *
 * <p>The same forbidden-call check as node code applies to this package (see simulation/pom.xml).
 */
package io.gantry.simulation.toy;
