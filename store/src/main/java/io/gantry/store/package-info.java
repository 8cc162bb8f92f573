/**
 * The store: commit log, consume queues, key index, flush modes, checkpoint, crash recovery and
 * retention, written against the runtime's Disk and Scheduler seams so the simulation can crash it
 * between any two operations.
 *
 * <p>Entry point: {@link io.gantry.store.MessageStore} ({@code open}, {@code start}, puts, reads,
 * {@code shutdown}), configured by {@link io.gantry.store.StoreConfig}. The rest are small
 * package-private parts: {@code SegmentedFile} (segment files named by start offset),
 * {@code CommitLog}, {@code ConsumeQueue}, {@code IndexService}/{@code IndexFile}, the flushers
 * ({@code GroupCommitFlusher}, {@code PeriodicFlusher}, {@code LogicalFlushService}),
 * {@code Checkpoint}, {@code AbortMarker}, {@code StoreRecovery}, {@code Dispatcher} and
 * {@code RetentionService}.
 */
package io.gantry.store;
