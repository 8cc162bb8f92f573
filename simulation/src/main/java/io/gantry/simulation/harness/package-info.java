/**
 * The simulation harness: scenarios that run real Gantry code in one {@link io.gantry.simulation.SimWorld},
 * a {@link io.gantry.simulation.harness.FaultSchedule} drawn swarm-style from the seed (or read from a
 * schedule file), a {@link io.gantry.simulation.harness.Nemesis} that applies it, a
 * {@link io.gantry.simulation.harness.History} of every operation (invoke, then ok / fail / info) and every
 * read, and named checkers ({@code io.gantry.simulation.harness.check}) whose promises come from
 * {@link io.gantry.simulation.harness.Guarantees}, the Java mirror of {@code docs/guarantees.md}.
 *
 * <p>Store-level scenarios live in {@code harness.store}; broker and HA scenarios plug in by implementing
 * {@link io.gantry.simulation.harness.Scenario} and registering in {@link io.gantry.simulation.harness.ScenarioCatalog}.
 * Nothing here holds static mutable state: worlds share nothing and may run on parallel threads.
 */
package io.gantry.simulation.harness;
