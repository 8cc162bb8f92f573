package io.gantry.store;

import java.io.IOException;

/** Start-up found files it cannot repair by truncation; the message names the file and offset. */
public final class StoreCorruptionException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoreCorruptionException(String message) {
        super(message);
    }
}
