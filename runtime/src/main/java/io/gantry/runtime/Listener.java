package io.gantry.runtime;

/** A listening endpoint. Closing it stops accepting; connections already accepted stay open. */
public interface Listener extends AutoCloseable {

    /** The bound address (in production with the real port when 0 was asked for). */
    String address();

    @Override
    void close();
}
