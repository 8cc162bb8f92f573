package io.gantry.broker.ha;

/** How a SYNC_MASTER write's wait for a slave ended. */
public enum ReplicationStatus {
    /** A slave reported an offset covering the write. */
    REPLICATED,
    /** No slave covered it within syncFlushTimeout: FLUSH_SLAVE_TIMEOUT (12). */
    FLUSH_SLAVE_TIMEOUT,
    /** No slave connected, or the slave lags more than haMaxGapNotInSync: SLAVE_NOT_AVAILABLE (11). */
    SLAVE_NOT_AVAILABLE
}
