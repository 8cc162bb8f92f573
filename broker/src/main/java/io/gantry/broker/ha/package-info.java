/**
 * Master/slave replication (RocketMQ's classic HA) over the node's {@link io.gantry.runtime.Network}:
 * {@link io.gantry.broker.ha.HaServer} and {@link io.gantry.broker.ha.HaConnection} on the master,
 * {@link io.gantry.broker.ha.HaClient} on the slave, {@link io.gantry.broker.ha.ReplicationWaiters}
 * for SYNC_MASTER sends, and {@link io.gantry.broker.ha.SlaveSynchronizer} for metadata. The frame
 * format is Gantry's own ({@link io.gantry.broker.ha.HaFrames}, docs/ha.md). Everything runs on the
 * broker's loop.
 */
package io.gantry.broker.ha;
