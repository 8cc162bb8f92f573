/**
 * Chaos tests: the simulation's workloads and checkers run against real Gantry processes.
 * Not built yet: see the simulation harness issue.
 */
package io.gantry.chaos;
