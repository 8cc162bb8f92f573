/**
 * Production implementations of the runtime seams: {@link io.gantry.runtime.prod.SystemClock},
 * {@link io.gantry.runtime.prod.EventLoopScheduler}, {@link io.gantry.runtime.prod.FileDisk}
 * and {@link io.gantry.runtime.prod.NettyNetwork}, wired per node by
 * {@link io.gantry.runtime.prod.ProductionRuntime}.
 *
 * <p>This package is the one place (with the simulation) allowed to touch real threads, time,
 * files and sockets; node modules only see the interfaces in {@code io.gantry.runtime}.
 */
package io.gantry.runtime.prod;
