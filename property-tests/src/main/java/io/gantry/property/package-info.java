/**
 * Property-based tests on Gantry's own seeded choice-sequence engine.
 * Not built yet: see the simulation harness issue.
 */
package io.gantry.property;
