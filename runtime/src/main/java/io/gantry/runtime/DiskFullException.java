package io.gantry.runtime;

import java.io.IOException;

/** ENOSPC: a write or create failed because the disk has no room left. */
public final class DiskFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public DiskFullException(String message) {
        super(message);
    }
}
