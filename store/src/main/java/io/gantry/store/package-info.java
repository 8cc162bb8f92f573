/**
 * The store: commit log, consume queues, index, flush modes and crash recovery, written against the
 * runtime's Disk and Scheduler seams. Not built yet: see the store issue.
 */
package io.gantry.store;
