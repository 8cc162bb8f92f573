/**
 * Property-based tests on Gantry's own seeded choice-sequence engine
 * ({@link io.gantry.simulation.choice}); the store's crash-consistency property lives in
 * {@link io.gantry.property.store}.
 */
package io.gantry.property;
