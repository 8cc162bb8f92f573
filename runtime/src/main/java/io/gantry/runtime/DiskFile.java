package io.gantry.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open file on a {@link Disk}. Positional reads and writes only: there is no file pointer.
 *
 * <p>Not thread-safe: use it from one node's loop, or from one offloaded task at a time. The
 * exception is {@link #force()}, which may run in an offloaded task while the loop keeps
 * writing; it then covers at least every write that returned before it was called.
 *
 * <p>Does not guarantee: durability before {@link #force()} returns; anything about the data
 * after {@link #force()} threw.
 */
public interface DiskFile extends AutoCloseable {

    /** The path this file was opened with. */
    String path();

    /** Current size in bytes, including unforced writes. */
    long sizeBytes() throws IOException;

    /**
     * Reads into {@code dst} from {@code position} until {@code dst} is full or the end of the
     * file; returns the number of bytes read, or -1 if {@code position} is at or past the end.
     */
    int read(long position, ByteBuffer dst) throws IOException;

    /**
     * Writes all remaining bytes of {@code src} at {@code position}, growing the file if needed
     * (a gap reads as zeros). Throws {@link DiskFullException} when the disk is full; the file
     * may then hold a prefix of the write.
     */
    void write(long position, ByteBuffer src) throws IOException;

    /** fsync: makes every write that returned before this call durable. */
    void force() throws IOException;

    /** Sets the size to {@code sizeBytes}, dropping anything beyond it. */
    void truncate(long sizeBytes) throws IOException;

    /** Closes the file. Unforced writes stay in the page cache; closing does not force. */
    @Override
    void close() throws IOException;
}
