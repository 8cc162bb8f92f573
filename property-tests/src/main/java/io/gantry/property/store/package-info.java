/**
 * The store's crash-consistency property (store issue, item 7) and its pieces:
 * {@link io.gantry.property.store.SimStoreNode} drives a {@link io.gantry.store.MessageStore} on one
 * simulated node (loop calls, virtual time, crash, power loss, restart);
 * {@link io.gantry.property.store.StoreModel} and {@link io.gantry.property.store.ModelMessage}
 * remember what was put and what the store promised; {@link io.gantry.property.store.StoreChecker}
 * compares the store with the model after every recovery and on consumer reads;
 * {@link io.gantry.property.store.CrashConsistencyScenario} draws one case from
 * {@link io.gantry.simulation.choice.Choices}; {@link io.gantry.property.store.Coverage} counts what
 * the cases reached.
 *
 * <p>Replay a reported failure with {@code -Dgantry.prop.seed=...} or {@code -Dgantry.prop.replay=...};
 * sweep more with {@code -Dgantry.prop.cases=N} (per configuration).
 */
package io.gantry.property.store;
