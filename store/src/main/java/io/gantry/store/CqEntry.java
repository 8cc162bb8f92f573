package io.gantry.store;

/**
 * One consume-queue entry: where message {@code queueOffset} of a queue lives in the commit log.
 *
 * @param queueOffset     logical offset within the queue
 * @param commitLogOffset physical offset of the record
 * @param size            record size in bytes
 * @param tagsCode        {@code TAGS.hashCode()} widened, 0 without tags
 */
public record CqEntry(long queueOffset, long commitLogOffset, int size, long tagsCode) {
}
