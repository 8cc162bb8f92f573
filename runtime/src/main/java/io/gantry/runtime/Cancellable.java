package io.gantry.runtime;

/** A handle on a scheduled timer. */
public interface Cancellable {

    /**
     * Cancels the timer. Returns true if this call prevented a future run; false if it had
     * already run (a one-shot timer), was already cancelled, or its node has crashed.
     * Must be called on the owning node's loop.
     */
    boolean cancel();
}
